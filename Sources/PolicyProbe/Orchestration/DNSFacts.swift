import PolicyDNS

/// The DNS facts the probe needs, looked up once per name and turned into plain values.
struct DNSFacts: Sendable {
    /// One MX host name of a domain.
    struct MailHost: Sendable, Hashable {
        var name: String
        var preference: Int?
    }

    /// The mail hosts of a domain, or why there are none.
    enum MailHosts: Sendable {
        case hosts([MailHost], authenticated: Bool)
        case problem(String)
    }

    /// A host's addresses (A then AAAA).
    struct Addresses: Sendable {
        var addresses: [String]
        var authenticated: Bool
        var error: String?
    }

    /// A host's TLSA records: only DNSSEC-validated ones are kept, as Postfix uses only those.
    struct TLSA: Sendable {
        var evidence: TLSAEvidence
        var records: [TLSARecord]
    }

    let resolver: DNSResolver

    init(resolver: String?, timeoutSeconds: Int, tries: Int) throws {
        self.resolver = try DNSResolver(serverAddress: resolver, timeoutSeconds: timeoutSeconds, tries: tries)
    }

    func mailHosts(of domain: String) -> MailHosts {
        do {
            let lookup = try resolver.mx(domain)
            switch lookup.hosts {
            case .exchangers(let records):
                var seen = Set<String>()
                let hosts = records.compactMap { record -> MailHost? in
                    seen.insert(record.exchange.lowercased()).inserted ? MailHost(name: record.exchange, preference: Int(record.preference)) : nil
                }
                return .hosts(hosts, authenticated: lookup.isAuthenticated)
            case .implicit(let host):
                return .hosts([MailHost(name: host, preference: nil)], authenticated: lookup.isAuthenticated)
            case .nullMX:
                return .problem("\(domain) publishes a null MX (RFC 7505): it accepts no mail")
            case .nonexistentDomain:
                return .problem("\(domain) does not exist (NXDOMAIN): Postfix bounces its mail")
            case .noMailHost:
                return .problem("\(domain) has no MX and no address records")
            }
        } catch {
            return .problem("MX lookup failed: \(error)")
        }
    }

    func addresses(of host: String) -> Addresses {
        var result = Addresses(addresses: [], authenticated: true, error: nil)
        var errors: [String] = []
        for lookup in [resolver.a, resolver.aaaa] {
            do {
                let answer = try lookup(host)
                result.addresses += answer.records
                if !answer.records.isEmpty { result.authenticated = result.authenticated && answer.isAuthenticated }
            } catch {
                errors.append("\(error)")
            }
        }
        if result.addresses.isEmpty {
            result.authenticated = false
            result.error = errors.isEmpty ? "\(host) has no A or AAAA records" : errors.joined(separator: "; ")
        }
        return result
    }

    func tlsa(host: String, port: Int) -> TLSA {
        do {
            let answer = try resolver.tlsa(host: host, port: UInt16(clamping: port))
            let texts = answer.records.map(\.description)
            guard !answer.records.isEmpty else { return TLSA(evidence: TLSAEvidence(status: .none), records: []) }
            guard answer.isAuthenticated else { return TLSA(evidence: TLSAEvidence(status: .insecure, records: texts), records: []) }
            return TLSA(evidence: TLSAEvidence(status: .validated, records: texts),
                        records: answer.records)
        } catch {
            return TLSA(evidence: TLSAEvidence(status: .lookupFailed, error: "\(error)"), records: [])
        }
    }

    /// What the `_mta-sts` TXT lookup gave: records (none for NXDOMAIN or no TXT data), or
    /// a failure, which is no answer at all.
    enum TXTRecords: Sendable {
        case records([String])
        case failed(String)
    }

    /// The TXT records at `_mta-sts.DOMAIN`, or why the lookup failed (SERVFAIL, REFUSED,
    /// a timeout): a failure must not be taken for "no record".
    func mtaSTSRecords(of domain: String) -> TXTRecords {
        do {
            return .records(try resolver.txt("_mta-sts.\(domain)").records)
        } catch {
            return .failed("\(error)")
        }
    }
}
