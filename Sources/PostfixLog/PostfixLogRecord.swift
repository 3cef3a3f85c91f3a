/// What one Postfix log line reports, for the lines this library understands.
public enum PostfixLogRecord: Sendable, Hashable {
    /// A delivery agent's `to=<...>, relay=..., dsn=..., status=...` line.
    case delivery(DeliveryRecord)
    /// The SMTP client's `... TLS connection established to ...` line.
    case tlsConnection(TLSConnectionRecord)

    /// The record of one syslog-shaped line (either file format); nil for any other line.
    public init?(parsing line: String) {
        var line = line
        guard let record = line.withUTF8({ PostfixLogRecord(lineBytes: $0) }) else { return nil }
        self = record
    }

    /// The record of one syslog-shaped line given as UTF-8 bytes without its newline; nil for
    /// any other line. This is the fast path for whole files: no String is made for a line
    /// that reports neither a delivery nor a TLS connection.
    public init?(lineBytes: UnsafeBufferPointer<UInt8>) {
        let bytes = LogBytes(lineBytes)
        guard let prefix = PostfixLogPrefix.parse(bytes),
              let record = Self.parseMessage(bytes, from: prefix.messageStart, programStart: prefix.programStart,
                                             programEnd: prefix.programEnd, pid: prefix.pid,
                                             timestamp: { PostfixLogPrefix.timestamp(bytes) })
        else { return nil }
        self = record
    }

    /// The program and PID of the process that logged the record.
    public var program: String {
        switch self {
        case .delivery(let record): record.program
        case .tlsConnection(let record): record.program
        }
    }

    /// The PID of the process that logged the record.
    public var pid: Int {
        switch self {
        case .delivery(let record): record.pid
        case .tlsConnection(let record): record.pid
        }
    }

    // MARK: Message parsing

    /// Parses a message whose program name is already a String (journal entries, ``PostfixLogLine``).
    static func parseMessage(_ bytes: LogBytes, from start: Int, program: String, pid: Int,
                             timestamp: () -> PostfixLogTimestamp?) -> PostfixLogRecord? {
        parseMessage(bytes, from: start, pid: pid, timestamp: timestamp) { program }
    }

    /// Parses a message whose program name lies at `programStart..<programEnd` of `bytes`.
    static func parseMessage(_ bytes: LogBytes, from start: Int, programStart: Int, programEnd: Int, pid: Int,
                             timestamp: () -> PostfixLogTimestamp?) -> PostfixLogRecord? {
        parseMessage(bytes, from: start, pid: pid, timestamp: timestamp) { bytes.string(programStart, programEnd) }
    }

    /// `timestamp` is called only for a line that makes a record.
    private static func parseMessage(_ bytes: LogBytes, from start: Int, pid: Int, timestamp: () -> PostfixLogTimestamp?,
                                     program: () -> String) -> PostfixLogRecord? {
        switch LocatedMessage.locate(bytes, from: start) {
        case .delivery(let located)?:
            let reason = located.reason.map { bytes.string($0.lowerBound, $0.upperBound) } ?? ""
            return .delivery(DeliveryRecord(
                queueID: located.queueID.map { bytes.string($0.lowerBound, $0.upperBound) },
                recipientDomain: bytes.lowercasedString(located.domain.lowerBound, located.domain.upperBound),
                relay: field(bytes, "relay=", in: located.fields) ?? "",
                dsn: field(bytes, "dsn=", in: located.fields) ?? "",
                status: located.status, reason: reason, program: program(), pid: pid, timestamp: timestamp()))
        case .tlsConnection(let located)?:
            return .tlsConnection(TLSConnectionRecord(
                trust: located.trust, host: bytes.lowercasedString(located.host.lowerBound, located.host.upperBound),
                address: bytes.string(located.address.lowerBound, located.address.upperBound), port: located.port,
                protocolVersion: located.protocolVersion.map { bytes.string($0.lowerBound, $0.upperBound) } ?? "",
                cipher: located.cipher.map { bytes.string($0.lowerBound, $0.upperBound) } ?? "",
                program: program(), pid: pid, timestamp: timestamp()))
        case nil:
            return nil
        }
    }

    /// The value of ` NAME=value,` within `range` (values here contain no comma or space).
    private static func field(_ bytes: LogBytes, _ name: StaticString, in range: Range<Int>) -> String? {
        var from = range.lowerBound
        while let found = bytes.find(name, from: from, end: range.upperBound) {
            if found == range.lowerBound || bytes[found - 1] == 0x20 {
                let valueStart = found + name.utf8CodeUnitCount
                var valueEnd = valueStart
                while valueEnd < range.upperBound, bytes[valueEnd] != 0x2C, bytes[valueEnd] != 0x20 { valueEnd += 1 }
                return bytes.string(valueStart, valueEnd)
            }
            from = found + 1
        }
        return nil
    }
}
