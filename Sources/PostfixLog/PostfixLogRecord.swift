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
        if let toField = bytes.find("to=<", from: start) {
            // `to=<` must start the message's field list: `QUEUEID: to=<` or `to=<` itself.
            guard toField == start || bytes.hasPrefix(": ", at: toField - 2) else { return nil }
            return parseDelivery(bytes, messageStart: start, toField: toField, pid: pid, timestamp: timestamp, program: program)
        }
        if let established = bytes.find(" TLS connection established to ", from: start, end: min(bytes.count, start + 48)) {
            return parseTLSConnection(bytes, messageStart: start, established: established, pid: pid, timestamp: timestamp,
                                      program: program)
        }
        return nil
    }

    private static func parseDelivery(_ bytes: LogBytes, messageStart: Int, toField: Int, pid: Int,
                                      timestamp: () -> PostfixLogTimestamp?, program: () -> String) -> PostfixLogRecord? {
        let addressStart = toField + 4
        guard let addressEnd = bytes.find(">, ", from: addressStart),
              let status = bytes.find(", status=", from: addressEnd) else { return nil }
        // Only the domain: the text after the last "@" of the address (a quoted local part may hold "@").
        guard let at = bytes.lastIndex(of: 0x40, from: addressStart, end: addressEnd), at + 1 < addressEnd else { return nil }
        let recipientDomain = bytes.lowercasedString(at + 1, addressEnd)

        var queueID: String?
        if toField > messageStart {
            queueID = bytes.string(messageStart, toField - 2)
        }
        let wordStart = status + 9
        var wordEnd = wordStart
        while wordEnd < bytes.count, bytes[wordEnd] != 0x20 { wordEnd += 1 }
        let outcome = outcome(bytes, wordStart, wordEnd)
        var reason = ""
        if wordEnd + 1 < bytes.count, bytes[wordEnd + 1] == 0x28,
           let close = bytes.lastIndex(of: 0x29, from: wordEnd + 2, end: bytes.count) {
            reason = bytes.string(wordEnd + 2, close)
        }
        let fields = (addressEnd + 1)..<status
        return .delivery(DeliveryRecord(
            queueID: queueID, recipientDomain: recipientDomain,
            relay: field(bytes, "relay=", in: fields) ?? "",
            dsn: field(bytes, "dsn=", in: fields) ?? "",
            status: outcome, reason: reason, program: program(), pid: pid, timestamp: timestamp()))
    }

    private static func outcome(_ bytes: LogBytes, _ start: Int, _ end: Int) -> DeliveryOutcome {
        switch end - start {
        case 4 where bytes.hasPrefix("sent", at: start): .sent
        case 8 where bytes.hasPrefix("deferred", at: start): .deferred
        case 7 where bytes.hasPrefix("bounced", at: start): .bounced
        case 7 where bytes.hasPrefix("expired", at: start): .expired
        default: .other
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

    private static func parseTLSConnection(_ bytes: LogBytes, messageStart: Int, established: Int, pid: Int,
                                           timestamp: () -> PostfixLogTimestamp?, program: () -> String) -> PostfixLogRecord? {
        let trust: TLSTrust
        switch established - messageStart {
        case 8 where bytes.hasPrefix("Verified", at: messageStart): trust = .verified
        case 7 where bytes.hasPrefix("Trusted", at: messageStart): trust = .trusted
        case 9 where bytes.hasPrefix("Untrusted", at: messageStart): trust = .untrusted
        case 9 where bytes.hasPrefix("Anonymous", at: messageStart): trust = .anonymous
        default: return nil
        }
        // HOST[ADDRESS]:PORT: PROTOCOL with cipher CIPHER (...)
        let hostStart = established + 31
        guard let open = bytes.firstIndex(of: 0x5B, from: hostStart),
              let close = bytes.firstIndex(of: 0x5D, from: open),
              close + 1 < bytes.count, bytes[close + 1] == 0x3A,
              let portEnd = bytes.find(": ", from: close + 2),
              let port = bytes.decimal(close + 2, portEnd) else { return nil }
        let protocolStart = portEnd + 2
        var protocolVersion = ""
        var cipher = ""
        if let with = bytes.find(" with cipher ", from: protocolStart) {
            protocolVersion = bytes.string(protocolStart, with)
            let cipherStart = with + 13
            let cipherEnd = bytes.firstIndex(of: 0x20, from: cipherStart) ?? bytes.count
            cipher = bytes.string(cipherStart, cipherEnd)
        }
        return .tlsConnection(TLSConnectionRecord(
            trust: trust, host: bytes.lowercasedString(hostStart, open), address: bytes.string(open + 1, close), port: port,
            protocolVersion: protocolVersion, cipher: cipher, program: program(), pid: pid, timestamp: timestamp()))
    }
}
