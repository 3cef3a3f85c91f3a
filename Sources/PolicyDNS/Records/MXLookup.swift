/// Where mail for a domain goes, as the Postfix SMTP client works it out.
public struct MXLookup: Sendable, Hashable {
    /// The mail hosts of the domain.
    public enum Hosts: Sendable, Hashable {
        /// MX records, sorted by preference (ties keep the server's order).
        case exchangers([MXRecord])
        /// No MX records but an address record: the domain itself is the mail host
        /// (RFC 5321 section 5.1).
        case implicit(host: String)
        /// A null MX (RFC 7505): the domain accepts no mail. As in Postfix, one null MX
        /// among the answers makes the whole answer a null MX.
        case nullMX
        /// The domain does not exist (NXDOMAIN).
        case nonexistentDomain
        /// The domain exists but has neither MX nor address records.
        case noMailHost
    }

    /// The domain asked for.
    public let domain: String
    /// The owner of the MX records after CNAMEs.
    public let ownerName: String
    /// The outcome.
    public let hosts: Hosts
    /// True when every answer this result rests on (the MX answer, and for an implicit MX
    /// the address answer too) carried the AD bit.
    public let isAuthenticated: Bool

    /// A result with these fields.
    public init(domain: String, ownerName: String, hosts: Hosts, isAuthenticated: Bool) {
        self.domain = domain
        self.ownerName = ownerName
        self.hosts = hosts
        self.isAuthenticated = isAuthenticated
    }

    /// The host names to connect to, best first: the exchangers, or the implicit host;
    /// empty when mail cannot be delivered.
    public var hostNames: [String] {
        switch hosts {
        case .exchangers(let records): return records.map(\.exchange)
        case .implicit(let host): return [host]
        case .nullMX, .nonexistentDomain, .noMailHost: return []
        }
    }
}
