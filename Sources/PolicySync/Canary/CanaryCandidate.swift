import TLSPolicy

/// One line of a release's table the canary probes before it is enforced: a key the live
/// map lacks, or a key whose line changed without getting weaker.
struct CanaryCandidate: Sendable, Equatable {
    /// The key as postmap folds it.
    var key: String
    /// The value the release's table carries (whitespace runs collapsed).
    var value: String
    /// The live map's value for the key; nil for a new key.
    var liveValue: String?

    /// The lines of `rendered` to probe against the live table `live` (both as
    /// ``TableDiff`` reads them), in key order.
    ///
    /// A line the release weakens (its level below the live one in Postfix's order) or
    /// removes is the release's business and is never probed or held: the canary only
    /// delays what would be enforced beyond what is live, so it can never weaken a live
    /// entry. Nor is a line that does not make TLS mandatory (`none`, `may`): it cannot
    /// defer mail. A line whose level does not parse is probed (the probe says why it fails).
    static func select(live: [String: String], rendered: [String: String]) -> [CanaryCandidate] {
        rendered.keys.sorted().compactMap { key in
            guard let value = rendered[key] else { return nil }
            if let level = level(of: value), !level.requiresTLS { return nil }
            guard let old = live[key] else { return CanaryCandidate(key: key, value: value, liveValue: nil) }
            guard old != value else { return nil }
            if let oldLevel = level(of: old), let newLevel = level(of: value), newLevel < oldLevel { return nil }
            return CanaryCandidate(key: key, value: value, liveValue: old)
        }
    }

    private static func level(of value: String) -> SecurityLevel? {
        let word = value.split(separator: " ", maxSplits: 1).first ?? ""
        return SecurityLevel(bytes: Array(word.utf8))
    }
}
