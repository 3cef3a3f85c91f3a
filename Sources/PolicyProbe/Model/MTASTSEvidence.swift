/// The domain's MTA-STS policy (RFC 8461), when it publishes one, and where the entry disagrees.
public struct MTASTSEvidence: Sendable, Hashable, Codable {
    /// `policy` (fetched), `error` (TXT record published, but no usable policy).
    public var status: String
    /// The TXT record's `id`.
    public var id: String?
    /// `enforce`, `testing` or `none`.
    public var mode: String?
    /// The policy's `mx` patterns.
    public var mx: [String]
    /// Why the policy could not be used.
    public var error: String?
    /// Each place where the entry's `match=` and the policy's `mx` patterns disagree.
    public var disagreements: [String]
}
