/// One reason an entry fails: the MX host and address, Postfix's words, the RFC 8460 type.
public struct EntryFailure: Sendable, Hashable, Codable {
    /// The MX host.
    public var mxHost: String
    /// The address, nil when the failure came before any connection (DNS, DNSSEC).
    public var address: String?
    /// What Postfix logs.
    public var reason: String
    /// RFC 8460 result type (`starttls-not-supported`, `certificate-host-mismatch`, ...).
    public var resultType: String
}
