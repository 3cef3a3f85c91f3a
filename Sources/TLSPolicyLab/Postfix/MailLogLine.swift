import Foundation

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

    /// Parses one line; nil for lines of another shape.
    public init?(_ text: String) {
        // The program token is the first one ending in "]:" after the timestamp and host.
        guard let colon = text.range(of: "]: ") else { return nil }
        let head = text[..<colon.lowerBound]
        guard let open = head.lastIndex(of: "["), let pid = Int(head[head.index(after: open)...]) else { return nil }
        let beforeBracket = head[..<open]
        guard let space = beforeBracket.lastIndex(of: " ") else { return nil }
        self.program = String(beforeBracket[beforeBracket.index(after: space)...])
        self.pid = pid
        self.message = String(text[colon.upperBound...])
        self.text = text
    }

    /// True for `warning: ...` messages.
    public var isWarning: Bool { message.hasPrefix("warning: ") }

    /// The delivery status this line reports, if it is a `to=<...>, ... status=...` line.
    public var deliveryStatus: DeliveryStatus? {
        guard let toRange = message.range(of: "to=<"), let statusRange = message.range(of: ", status=") else { return nil }
        guard let end = message[toRange.upperBound...].range(of: ">, ") else { return nil }
        let recipient = String(message[toRange.upperBound..<end.lowerBound])
        let afterStatus = message[statusRange.upperBound...]
        let word = afterStatus.prefix(while: { $0 != " " })
        var reason = ""
        if let open = afterStatus.firstIndex(of: "("), let close = afterStatus.lastIndex(of: ")"), open < close {
            reason = String(afterStatus[afterStatus.index(after: open)..<close])
        }
        return DeliveryStatus(
            recipient: recipient,
            outcome: DeliveryStatus.Outcome(rawValue: String(word)) ?? .other,
            reason: reason,
            relay: field("relay") ?? "",
            dsn: field("dsn") ?? "",
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
