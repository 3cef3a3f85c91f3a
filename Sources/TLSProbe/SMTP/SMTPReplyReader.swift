/// Reads SMTP replies line by line from a transport, within bounds on line length and
/// line count, so that no server can make it read or wait forever.
final class SMTPReplyReader {
    private var buffer: [UInt8] = []
    private let limits: ProbeLimits

    /// A reader with these bounds.
    init(limits: ProbeLimits) {
        self.limits = limits
    }

    /// Bytes received but not yet consumed as reply lines.
    var pendingByteCount: Int { buffer.count }

    /// Forgets unread bytes (the transport changes at STARTTLS).
    func discardPending() { buffer.removeAll() }

    /// Reads one complete reply, all its continuation lines included.
    func readReply(from transport: SMTPTransport, deadline: StepDeadline) throws -> SMTPReply {
        var lines: [String] = []
        var code: Int?
        while true {
            let line = try readLine(from: transport, deadline: deadline)
            guard let parsed = Self.parse(line) else {
                throw ProbeFailure.malformedReply(step: deadline.step, line: String(line.prefix(200)))
            }
            if let code, code != parsed.code {
                throw ProbeFailure.malformedReply(step: deadline.step, line: String(line.prefix(200)))
            }
            code = parsed.code
            lines.append(parsed.text)
            if !parsed.continues { return SMTPReply(code: parsed.code, lines: lines) }
            if lines.count >= limits.maximumReplyLines {
                throw ProbeFailure.tooManyReplyLines(step: deadline.step, limit: limits.maximumReplyLines)
            }
        }
    }

    /// `DDD`, `DDD text`, `DDD-text`: the code, whether more lines follow, and the text.
    static func parse(_ line: String) -> (code: Int, continues: Bool, text: String)? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let code = Int(String(decoding: bytes[0...2], as: UTF8.self)) else { return nil }
        if bytes.count == 3 { return (code, false, "") }
        let separator = bytes[3]
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else { return nil }
        return (code, separator == UInt8(ascii: "-"), String(decoding: bytes[4...], as: UTF8.self))
    }

    private func readLine(from transport: SMTPTransport, deadline: StepDeadline) throws -> String {
        var scanned = 0
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > 0, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                guard end <= limits.maximumLineLength else {
                    throw ProbeFailure.lineTooLong(step: deadline.step, limit: limits.maximumLineLength)
                }
                let line = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(newline + 1)
                return line
            }
            scanned = buffer.count
            // +2 leaves room for the CRLF after a line of exactly the maximum length.
            guard buffer.count <= limits.maximumLineLength + 2 else {
                throw ProbeFailure.lineTooLong(step: deadline.step, limit: limits.maximumLineLength)
            }
            var chunk = [UInt8](repeating: 0, count: 4_096)
            let count = try chunk.withUnsafeMutableBytes { try transport.receive(into: $0, deadline: deadline) }
            if count == 0 { throw ProbeFailure.connectionClosed(step: deadline.step) }
            buffer.append(contentsOf: chunk[..<count])
        }
    }
}
