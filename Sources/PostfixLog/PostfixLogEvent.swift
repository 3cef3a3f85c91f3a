/// The facts of a delivery status or TLS connection line that counting needs, and no more:
/// for reading very large logs, where ``PostfixLogRecord``'s other fields (relay, reason
/// text, certificate host, cipher, time) would cost a `String` each on every line.
/// Located by the same parser as the records.
public enum PostfixLogEvent: Sendable, Hashable {
    /// A delivery agent's status line.
    case delivery(DeliveryEvent)
    /// The SMTP client's TLS summary line.
    case tlsConnection(TLSConnectionEvent)

    /// The event of one syslog-shaped line given as UTF-8 bytes without its newline; nil
    /// for any other line.
    public init?(lineBytes: UnsafeBufferPointer<UInt8>) {
        guard let fields = PostfixLogEventFields(lineBytes: lineBytes) else { return nil }
        let bytes = LogBytes(lineBytes)
        let program = bytes.string(fields.program.lowerBound, fields.program.upperBound)
        switch fields.kind {
        case .delivery(let queueID, let domain, let status, let failure):
            self = .delivery(DeliveryEvent(
                program: program, pid: fields.pid,
                queueID: queueID.map { bytes.string($0.lowerBound, $0.upperBound) },
                recipientDomain: bytes.lowercasedString(domain.lowerBound, domain.upperBound),
                status: status, tlsPolicyFailure: failure))
        case .tlsConnection(let trust):
            self = .tlsConnection(TLSConnectionEvent(program: program, pid: fields.pid, trust: trust))
        }
    }
}

/// A delivery status line reduced to what counting per destination needs.
public struct DeliveryEvent: Sendable, Hashable {
    /// The delivery agent (`postfix/smtp`...).
    public let program: String
    /// Its PID.
    public let pid: Int
    /// The queue id, if the line has one.
    public let queueID: String?
    /// The recipient's domain, lower case (never the local part).
    public let recipientDomain: String
    /// Delivered, deferred, bounced, expired.
    public let status: DeliveryOutcome
    /// For a deferral or bounce: the TLS policy failure its reason reports, if any.
    public let tlsPolicyFailure: TLSPolicyFailure?
}

/// A TLS connection line reduced to who logged it and what trust it reports.
public struct TLSConnectionEvent: Sendable, Hashable {
    /// The SMTP client (`postfix/smtp`).
    public let program: String
    /// Its PID.
    public let pid: Int
    /// Verified, Trusted, Untrusted or Anonymous.
    public let trust: TLSTrust
}
