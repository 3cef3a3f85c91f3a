/// The records a lab DNS server serves: the same description for every server kind
/// (plain dnsmasq now, a DNSSEC-signing unbound later).
public struct DNSZone: Sendable {
    /// The records, in the order given.
    public var records: [DNSRecord]
    /// Domains the server answers for alone, like an authoritative server: a name below one
    /// of them that has no records gets NXDOMAIN, a name without the type asked gets an
    /// empty NOERROR. Elsewhere dnsmasq (with no upstream) answers REFUSED.
    public var localDomains: [String]
    /// Names (and every name below them) whose queries the server answers with REFUSED, as
    /// a broken or misconfigured server would: a lookup there fails, it does not find nothing.
    public var refusedNames: [String]
    /// Names (and every name below them) whose queries the server never answers, as a dead
    /// or filtered server would: a lookup there times out.
    public var unansweredNames: [String]

    /// A zone with these records.
    public init(records: [DNSRecord] = [], localDomains: [String] = [], refusedNames: [String] = [],
                unansweredNames: [String] = []) {
        self.records = records
        self.localDomains = localDomains
        self.refusedNames = refusedNames
        self.unansweredNames = unansweredNames
    }

    /// Adds a record.
    public mutating func add(_ record: DNSRecord) {
        records.append(record)
    }

    /// MX `host` for each domain, plus `host A address`: every domain then leads, through a
    /// real MX lookup, to the same loopback server.
    public static func allDomains(_ domains: [String], mailHost: String, address: String) -> DNSZone {
        var zone = DNSZone(records: [.a(name: mailHost, address: address)])
        for domain in domains { zone.add(.mx(domain: domain, host: mailHost)) }
        return zone
    }
}
