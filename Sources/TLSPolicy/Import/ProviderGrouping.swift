/// Decides which provider's file each imported entry goes into.
///
/// The provider is whoever runs the servers the entry verifies, so:
/// - an entry with explicit `match=` names (`.mail.protection.outlook.com`,
///   `mx.srv.dfn.de`) belongs to the registrable domain of those names. It is
///   decided once per set of names, so entries that share a `match=` value always
///   share a provider. A well-known provider among the names wins (its MX hosts are
///   the ones that matter; the others are the domain's own relays); otherwise the
///   registrable domain named most often, then the one most of those keys belong
///   to, then the first in byte order;
/// - an entry whose certificate names come from the destination itself (`nexthop`,
///   `dot-nexthop`, `hostname`, or no `match=`) is self-hosted: it belongs to its
///   key's registrable domain, so all of `*.bund.de` lands in `bund.de.policy`.
///
/// Registrable domains of well-known providers map to their `ProviderCatalog` name.
public struct ProviderGrouping: Sendable {
    public var catalog: ProviderCatalog

    public init(catalog: ProviderCatalog = .wellKnown) {
        self.catalog = catalog
    }

    /// The entries grouped by provider, sorted by the provider's slug (file name).
    public func group(_ entries: [ImportedEntry]) -> [ProviderGroup] {
        // Entries with explicit names, bucketed by their set of names.
        var buckets: [[String]: [Int]] = [:]
        var providers = [Provider?](repeating: nil, count: entries.count)
        for (index, imported) in entries.enumerated() {
            let names = ProviderGrouping.explicitNames(of: imported.entry)
            if names.isEmpty {
                providers[index] = provider(forDomainOf: imported.entry.key.domain)
            } else {
                buckets[names, default: []].append(index)
            }
        }
        for (names, members) in buckets {
            let keyDomains = members.map { RegistrableDomain.of(entries[$0].entry.key.domain) }
            let provider = provider(forNames: names, keyDomains: keyDomains)
            for index in members { providers[index] = provider }
        }

        var grouped: [Provider: [ImportedEntry]] = [:]
        for (index, imported) in entries.enumerated() {
            let provider = providers[index] ?? provider(forDomainOf: imported.entry.key.domain)
            grouped[provider, default: []].append(imported)
        }
        return grouped.map { ProviderGroup(provider: $0.key, entries: $0.value) }.sorted { $0.provider < $1.provider }
    }

    /// The provider of a self-hosted entry: its key's registrable domain.
    public func provider(forDomainOf host: String) -> Provider {
        let domain = RegistrableDomain.of(host)
        return catalog.provider(forRegistrableDomain: domain) ?? Provider(registrableDomain: domain)
    }

    /// The provider of a set of explicit `match=` names (see the type's documentation).
    func provider(forNames names: [String], keyDomains: [String]) -> Provider {
        var domainCounts: [String: Int] = [:]
        for name in names { domainCounts[RegistrableDomain.of(name), default: 0] += 1 }

        var knownCounts: [Provider: Int] = [:]
        for (domain, count) in domainCounts {
            if let known = catalog.provider(forRegistrableDomain: domain) { knownCounts[known, default: 0] += count }
        }
        if let best = knownCounts.max(by: { $0.value != $1.value ? $0.value < $1.value : $1.key < $0.key }) {
            return best.key
        }

        var keyCounts: [String: Int] = [:]
        for domain in keyDomains { keyCounts[domain, default: 0] += 1 }
        let best = domainCounts.max { lhs, rhs in
            if lhs.value != rhs.value { return lhs.value < rhs.value }
            let lhsKeys = keyCounts[lhs.key] ?? 0
            let rhsKeys = keyCounts[rhs.key] ?? 0
            if lhsKeys != rhsKeys { return lhsKeys < rhsKeys }
            return rhs.key.utf8.lexicographicallyPrecedes(lhs.key.utf8)
        }
        return Provider(registrableDomain: best?.key ?? "unnamed")
    }

    /// The explicit certificate names of an entry's `match=` (lower case, sorted, no
    /// duplicates; keywords and a lone `.` left out): the identity of its provider.
    static func explicitNames(of entry: PolicyEntry) -> [String] {
        guard let patterns = entry.matchPatterns else { return [] }
        var names = Set<String>()
        for pattern in patterns {
            switch pattern {
            case .subdomains(let suffix): names.insert("." + suffix.lowercased())
            case .exact(let name): names.insert(name.lowercased())
            case .nexthop, .dotNexthop, .hostname, .loneDot: break
            }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
