/// Where the facts of a delivery status or TLS connection line lie in the line's bytes:
/// positions and small values only, no `String`. For a caller that reads millions of lines
/// and keeps a `String` only for what it has not seen before (a recipient domain it counts
/// for the first time). Located by the same parser as the records (``PostfixLogRecord``).
public struct PostfixLogEventFields: Sendable, Hashable {
    /// What the line reports.
    public enum Kind: Sendable, Hashable {
        /// A delivery agent's status line. `domain` is the recipient's domain as logged (not
        /// lower-cased); `queueID` the queue id, if the line has one.
        case delivery(queueID: Range<Int>?, domain: Range<Int>, status: DeliveryOutcome, tlsPolicyFailure: TLSPolicyFailure?)
        /// The SMTP client's TLS summary line.
        case tlsConnection(TLSTrust)
    }

    /// The logging program's name (`postfix/smtp`...) in the line's bytes.
    public let program: Range<Int>
    /// The logging process's PID.
    public let pid: Int
    /// The delivery or TLS connection.
    public let kind: Kind

    /// The fields of one syslog-shaped line given as UTF-8 bytes without its newline; nil for
    /// any other line. The ranges index `lineBytes`.
    ///
    /// - Parameter programSuffix: when given, nil also for a line whose program name does not
    ///   end with it (`"/smtp"`: the SMTP client's lines only), decided before its message is read.
    public init?(lineBytes: UnsafeBufferPointer<UInt8>, programSuffix: StaticString? = nil) {
        let bytes = LogBytes(lineBytes)
        guard let prefix = PostfixLogPrefix.parse(bytes, programSuffix: programSuffix),
              let located = LocatedMessage.locate(bytes, from: prefix.messageStart) else { return nil }
        program = prefix.programStart..<prefix.programEnd
        pid = prefix.pid
        switch located {
        case .delivery(let delivery):
            // The reason is searched for policy texts only when the delivery failed.
            let failure = delivery.status == .sent ? nil : delivery.reason.flatMap { TLSPolicyFailure.classify(bytes, in: $0) }
            kind = .delivery(queueID: delivery.queueID, domain: delivery.domain, status: delivery.status, tlsPolicyFailure: failure)
        case .tlsConnection(let connection):
            kind = .tlsConnection(connection.trust)
        }
    }
}
