import Foundation
import PostfixLog

/// One `status=` line of a Postfix delivery agent, as written to `maillog_file`.
///
///     ... postfix/smtp[284]: 4586929: to=<a@b.test>, relay=none, delay=0.06, ..., dsn=4.7.5, status=deferred (client TLS configuration problem)
public struct DeliveryStatus: Sendable, Equatable {
    /// The outcome word after `status=` (the production parser's type).
    public typealias Outcome = DeliveryOutcome

    /// The recipient address, without angle brackets.
    public let recipient: String
    /// Delivered, deferred, bounced...
    public let outcome: Outcome
    /// The text in parentheses after the status word, e.g. `client TLS configuration problem`.
    public let reason: String
    /// The `relay=` field: `none` when no connection was made.
    public let relay: String
    /// The `dsn=` field, e.g. `4.7.5`.
    public let dsn: String
    /// The program that logged it, e.g. `postfix/smtp`.
    public let program: String
    /// The PID that logged it (inside the lab's PID namespace).
    public let pid: Int
    /// The whole log line.
    public let line: String

    /// A status with every field given (``MailLogLine/deliveryStatus`` makes them from log lines).
    public init(recipient: String, outcome: Outcome, reason: String, relay: String, dsn: String, program: String, pid: Int, line: String) {
        self.recipient = recipient
        self.outcome = outcome
        self.reason = reason
        self.relay = relay
        self.dsn = dsn
        self.program = program
        self.pid = pid
        self.line = line
    }
}
