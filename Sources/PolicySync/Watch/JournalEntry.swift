import Foundation

/// One entry of `journalctl -o json`, reduced to the fields a Postfix log line has.
///
/// journalctl prints a field as a JSON string when it is valid UTF-8 and as an array of
/// byte values otherwise; a MESSAGE may be either.
struct JournalEntry: Decodable {
    var identifier: String?
    var pid: String?
    var syslogPID: String?
    var realtime: String?
    var message: String?
    /// Where the entry is: the next read starts after the last entry's cursor.
    var cursor: String?

    enum CodingKeys: String, CodingKey {
        case identifier = "SYSLOG_IDENTIFIER"
        case pid = "_PID"
        case syslogPID = "SYSLOG_PID"
        case realtime = "__REALTIME_TIMESTAMP"
        case message = "MESSAGE"
        case cursor = "__CURSOR"
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        identifier = try? container.decodeIfPresent(String.self, forKey: .identifier)
        pid = try? container.decodeIfPresent(String.self, forKey: .pid)
        syslogPID = try? container.decodeIfPresent(String.self, forKey: .syslogPID)
        realtime = try? container.decodeIfPresent(String.self, forKey: .realtime)
        cursor = try? container.decodeIfPresent(String.self, forKey: .cursor)
        if let text = try? container.decodeIfPresent(String.self, forKey: .message) {
            message = text
        } else if let bytes = try? container.decodeIfPresent([UInt8].self, forKey: .message) {
            message = String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The process ID Postfix logged with: `SYSLOG_PID` is what the program itself said
    /// (the `[PID]` of a syslog line); `_PID` is the sender journald saw.
    var processID: Int? { (syslogPID ?? pid).flatMap { Int($0) } }
}
