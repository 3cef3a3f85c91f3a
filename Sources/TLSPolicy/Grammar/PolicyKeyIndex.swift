/// The keys of a deployed table, answering which entry Postfix's SMTP client applies to a
/// recipient domain: the domain itself, then each parent domain with a leading dot
/// (`.example.com` matches `mx.example.com` and deeper, never `example.com` itself), the
/// first key found winning, as `smtp_tls_policy_maps` is searched.
///
/// Built with the same table scan as `lint` and the merge (keys as postmap stores them,
/// a duplicate dropped as postmap drops it), and without parsing any value: the agent's
/// delivery watch builds one per run from the live map.
public struct PolicyKeyIndex: Sendable {
    private let keys: FoldedKeySet

    /// The keys stored in `table` (the bytes of a rendered map source).
    public init(table: [UInt8]) {
        var keys = FoldedKeySet(expectedCount: max(16, table.count / 64))
        PolicyTable.scan(bytes: table, store: { keys.insert($0) }, stored: { _ in }, dropped: { _ in })
        self.keys = keys
    }

    /// The key Postfix would use for mail to `domain`, folded to lower case, or nil when
    /// no entry applies (the host's default TLS level does). A trailing dot is ignored.
    public func key(forDomain domain: String) -> String? {
        var name = Array(domain.utf8).map(ASCII.lowercased)
        if name.last == UInt8(ascii: ".") { name.removeLast() }
        guard !name.isEmpty else { return nil }
        if keys.contains(name[...]) { return ASCII.string(name[...]) }
        var dot = name.firstIndex(of: UInt8(ascii: "."))
        while let index = dot {
            let parent = name[index...]
            if parent.count > 1, keys.contains(parent) { return ASCII.string(parent) }
            dot = name[(index + 1)...].firstIndex(of: UInt8(ascii: "."))
        }
        return nil
    }
}
