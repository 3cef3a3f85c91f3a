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
        let bytes = LogBytes(lineBytes)
        guard let prefix = PostfixLogPrefix.parse(bytes),
              let located = LocatedMessage.locate(bytes, from: prefix.messageStart) else { return nil }
        let program = bytes.string(prefix.programStart, prefix.programEnd)
        switch located {
        case .delivery(let delivery):
            let failure = delivery.status == .sent ? nil : delivery.reason.flatMap { TLSPolicyFailure.classify(bytes, in: $0) }
            self = .delivery(DeliveryEvent(
                program: program, pid: prefix.pid,
                queueID: delivery.queueID.map { bytes.string($0.lowerBound, $0.upperBound) },
                recipientDomain: bytes.lowercasedString(delivery.domain.lowerBound, delivery.domain.upperBound),
                status: delivery.status, tlsPolicyFailure: failure))
        case .tlsConnection(let connection):
            self = .tlsConnection(TLSConnectionEvent(program: program, pid: prefix.pid, trust: connection.trust))
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
