/// Whether Postfix's SMTP client would deliver to this server at the request's level.
public struct PostfixVerdict: Sendable, Hashable, Codable {
    /// True when Postfix would send the mail over this session.
    public let wouldDeliver: Bool
    /// Why, worded as Postfix logs it (for example
    /// `server certificate verification failed for mx.example.test[127.0.0.2]:25: num=62:hostname mismatch`).
    public let reason: String
    /// The deferral text of the delivery status (`Server certificate not verified`), nil when delivered.
    public let deferral: String?
    /// The RFC 8460 result type of a TLS failure; nil when delivered, and for failures that are
    /// not about TLS (connection refused, a timeout before STARTTLS): those mean "unreachable".
    public let resultType: TLSRPTResultType?

    /// A verdict.
    public init(wouldDeliver: Bool, reason: String, deferral: String? = nil, resultType: TLSRPTResultType? = nil) {
        self.wouldDeliver = wouldDeliver
        self.reason = reason
        self.deferral = deferral
        self.resultType = resultType
    }
}
