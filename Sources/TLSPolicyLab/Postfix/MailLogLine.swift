import Foundation
import PostfixLog

/// One line of a Postfix `maillog_file`, split into its parts.
///
/// Format (postlogd): `Mon DD HH:MM:SS HOST PROGRAM[PID]: MESSAGE`.
public struct MailLogLine: Sendable, Equatable {
    /// `postfix/smtp`, `postfix/qmgr`, ...
    public let program: String
    /// The logging process's PID (as seen inside the lab's PID namespace).
    public let pid: Int
    /// Everything after `PROGRAM[PID]: `.
    public let message: String
    /// The line as written.
    public let text: String

    /// The production parser's view of the line (``PostfixLog``): the one place that knows
    /// the log's shapes; this type adds what only the lab needs (whole recipient addresses).
    public let parsed: PostfixLogLine

    /// Parses one line; nil for lines of another shape.
    public init?(_ text: String) {
        guard let parsed = PostfixLogLine(parsing: text) else { return nil }
        self.parsed = parsed
        self.program = parsed.program
        self.pid = parsed.pid
        self.message = parsed.message
        self.text = text
    }

    /// True for `warning: ...` messages.
    public var isWarning: Bool { message.hasPrefix("warning: ") }

    /// The delivery status this line reports, if it is a `to=<...>, ... status=...` line.
    ///
    /// The fields come from the production parser; only the whole recipient address, which
    /// the production records never keep, is read here (tests address single mailboxes).
    public var deliveryStatus: DeliveryStatus? {
        guard case .delivery(let record)? = parsed.record,
              let toRange = message.range(of: "to=<"),
              let end = message[toRange.upperBound...].range(of: ">, ") else { return nil }
        return DeliveryStatus(
            recipient: String(message[toRange.upperBound..<end.lowerBound]),
            outcome: record.status,
            reason: record.reason,
            relay: record.relay,
            dsn: record.dsn,
            program: program,
            pid: pid,
            line: text)
    }

    /// The value of a `name=value,` field of the message.
    public func field(_ name: String) -> String? {
        guard let range = message.range(of: " \(name)=") ?? message.range(of: "\(name)=") else { return nil }
        let rest = message[range.upperBound...]
        return String(rest.prefix(while: { $0 != "," && $0 != " " }))
    }
}
