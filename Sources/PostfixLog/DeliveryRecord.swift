/// One delivery status line of a Postfix delivery agent, with the recipient's domain only.
///
///     postfix/smtp[284]: 4586929: to=<someone@b.test>, relay=mx.b.test[127.0.0.2]:25, delay=0.06,
///         delays=0.01/0/0.03/0.02, dsn=2.0.0, status=sent (250 2.0.0 Ok)
///
/// The recipient's local part is never kept: mail logs name people, and what this library
/// feeds (metrics, reports, dataset entries) must name only domains.
public struct DeliveryRecord: Sendable, Hashable {
    /// The queue id before `: to=<`, if the line has one (`4586929`, or a long-format id).
    public let queueID: String?
    /// The recipient's domain, lower case (the text after the last `@` of `to=<...>`).
    public let recipientDomain: String
    /// The `relay=` field: `host[address]:port`, or `none` when no connection was made.
    public let relay: String
    /// The `dsn=` field, e.g. `2.0.0` or `4.7.5`.
    public let dsn: String
    /// Delivered, deferred, bounced, expired.
    public let status: DeliveryOutcome
    /// The text in parentheses after the status word (the server's reply or Postfix's reason).
    public let reason: String
    /// The delivery agent that logged it: `postfix/smtp`, `postfix/lmtp`, `postfix/error`...
    public let program: String
    /// The delivery agent's PID: with ``program``, what ties the line to the TLS line before it.
    public let pid: Int
    /// When it was logged, if the line says.
    public let timestamp: PostfixLogTimestamp?

    /// A record with every field given.
    public init(queueID: String?, recipientDomain: String, relay: String, dsn: String, status: DeliveryOutcome,
                reason: String, program: String, pid: Int, timestamp: PostfixLogTimestamp?) {
        self.queueID = queueID
        self.recipientDomain = recipientDomain
        self.relay = relay
        self.dsn = dsn
        self.status = status
        self.reason = reason
        self.program = program
        self.pid = pid
        self.timestamp = timestamp
    }

    /// The host name of ``relay`` (before `[`); nil for `relay=none`.
    public var relayHost: String? {
        guard relay != "none", !relay.isEmpty else { return nil }
        return String(relay.prefix(while: { $0 != "[" }))
    }

    /// Why a deferral or bounce happened, when the reason is one of Postfix's TLS policy failures.
    public var tlsPolicyFailure: TLSPolicyFailure? {
        status == .sent ? nil : TLSPolicyFailure.classify(reason: reason)
    }
}
