/// Which entry of a policy table Postfix's SMTP client applies to mail for a recipient
/// domain, found as the client finds it (POLICY-GRAMMAR.md, section 2): the domain itself,
/// then its parent forms `.sub.example.com`, `.example.com`, `.com`, nearest first; the
/// first key present wins, whatever its value. Keys compare folded to lower case, and of
/// duplicate keys the first is kept, as postmap keeps it.
///
/// The agent's delivery watch and `discover` both count deliveries per key this way.
public struct PolicyLookup<Value: Sendable>: Sendable {
    private var values: [String: Value] = [:]

    /// An index of `(key, value)` pairs; keys are folded, the first of duplicates is kept.
    public init(_ pairs: some Sequence<(key: String, value: Value)>) {
        for pair in pairs {
            let key = PolicyKey(text: pair.key).folded
            if values[key] == nil { values[key] = pair.value }
        }
    }

    /// Number of distinct keys.
    public var count: Int { values.count }

    /// The key (folded) and value that apply to mail for `domain`, or nil when none does.
    /// A trailing dot of `domain` is ignored, as in DNS.
    public func match(domain: String) -> (key: String, value: Value)? {
        var name = PolicyKey(text: domain).folded
        if name.hasSuffix(".") { name.removeLast() }
        guard !name.isEmpty else { return nil }
        if let value = values[name] { return (name, value) }
        var rest = Substring(name)
        while let dot = rest.firstIndex(of: ".") {
            let parent = String(rest[dot...])
            if let value = values[parent] { return (parent, value) }
            rest = rest[rest.index(after: dot)...]
        }
        return nil
    }
}
