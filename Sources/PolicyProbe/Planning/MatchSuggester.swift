import TLSPolicy

/// Derives `match=` patterns from the certificate names a probe saw, the way a careful
/// administrator would: `nexthop:dot-nexthop` when every certificate fits; the domain's
/// MTA-STS `mx` patterns when they cover every certificate; else the common parent
/// suffix of the names per registrable domain, never a bare public suffix.
enum MatchSuggester {
    /// One MX host and the DNS names of the certificate it presented.
    struct Observation: Sendable, Hashable {
        var mxHost: String
        var names: [String]
    }

    static func suggest(nexthop: String, observations: [Observation], mtaSTSPatterns: [String]?) -> [String]? {
        let observed = observations.filter { !$0.names.isEmpty }
        guard !observed.isEmpty, observed.count == observations.count else { return nil }
        let nexthopPatterns = [nexthop.lowercased(), "." + nexthop.lowercased()]
        if observed.allSatisfy({ $0.names.contains { name in nexthopPatterns.contains { NamePatterns.covers($0, name) } } }) {
            return ["nexthop", "dot-nexthop"]
        }
        if let mtaSTSPatterns, !mtaSTSPatterns.isEmpty {
            let converted = mtaSTSPatterns.map { $0.hasPrefix("*.") ? String($0.dropFirst(1)) : $0.lowercased() }
            if observed.allSatisfy({ $0.names.contains { name in converted.contains { NamePatterns.covers($0, name) } } }) {
                return Array(Set(converted)).sorted()
            }
        }
        // One name per certificate: the one for the MX host if there is one, else the first.
        let chosen = observed.map { observation -> String in
            observation.names.first { NamePatterns.covers($0.hasPrefix("*.") ? String($0.dropFirst(1)) : $0, observation.mxHost) }
                ?? observation.names[0]
        }
        var groups: [String: [String]] = [:]
        for name in chosen {
            let parent = NamePatterns.parent(of: name) ?? name
            groups[RegistrableDomain.of(parent), default: []].append(name)
        }
        var patterns: [String] = []
        for (_, names) in groups {
            let parents = names.map { NamePatterns.parent(of: $0) ?? $0 }
            let suffix = NamePatterns.commonSuffix(parents)
            if suffix.isEmpty || NamePatterns.isPublicSuffix(suffix) {
                patterns += names.filter { !$0.hasPrefix("*.") }
                patterns += names.filter { $0.hasPrefix("*.") }.map { String($0.dropFirst(1)) }.filter { !NamePatterns.isPublicSuffix(String($0.dropFirst())) }
            } else {
                patterns.append("." + suffix)
            }
        }
        let result = Array(Set(patterns)).sorted()
        return result.isEmpty ? nil : result
    }
}
