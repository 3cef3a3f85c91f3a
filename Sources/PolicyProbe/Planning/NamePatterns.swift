import TLSPolicy

/// Name arithmetic for suggestions and MTA-STS comparison: whether a `match=` pattern
/// (expanded: `name` or `.suffix`) covers a host or a certificate name, and parents.
enum NamePatterns {
    /// True when `pattern` covers `name`. `name` may be a certificate wildcard (`*.a.b`,
    /// one label) and `pattern` a `.suffix` form (any depth below the suffix).
    static func covers(_ pattern: String, _ name: String) -> Bool {
        let pattern = pattern.lowercased()
        let name = name.lowercased()
        if name.hasPrefix("*.") {
            let base = String(name.dropFirst(2))
            if pattern.hasPrefix(".") {
                let suffix = String(pattern.dropFirst())
                return base == suffix || base.hasSuffix("." + suffix)
            }
            guard let dot = pattern.firstIndex(of: ".") else { return false }
            return pattern[pattern.index(after: dot)...] == base
        }
        if pattern.hasPrefix(".") { return name.hasSuffix(pattern) && name.count > pattern.count }
        return pattern == name
    }

    /// The parent of a name: `a.b.c` → `b.c`; a wildcard's base: `*.b.c` → `b.c`.
    static func parent(of name: String) -> String? {
        let name = name.lowercased()
        if name.hasPrefix("*.") { return String(name.dropFirst(2)) }
        guard let dot = name.firstIndex(of: ".") else { return nil }
        return String(name[name.index(after: dot)...])
    }

    /// True for a public suffix (a top-level domain, or one of the known multi-label ones).
    static func isPublicSuffix(_ name: String) -> Bool {
        !name.contains(".") || RegistrableDomain.multiLabelPublicSuffixes.contains(name.lowercased())
    }

    /// The longest common label suffix of `names` (`mx.a.example.net`, `b.example.net` → `example.net`).
    static func commonSuffix(_ names: [String]) -> String {
        guard var common = names.first?.lowercased().split(separator: ".").reversed().map(String.init) else { return "" }
        for name in names.dropFirst() {
            let labels = name.lowercased().split(separator: ".").reversed().map(String.init)
            var length = 0
            while length < min(common.count, labels.count) && common[length] == labels[length] { length += 1 }
            common = Array(common.prefix(length))
        }
        return common.reversed().joined(separator: ".")
    }
}
