extension PolicyTable {
    /// The keys postmap stores from `bytes` (a table's source), in file order, as written;
    /// a duplicate (as postmap folds keys) is left out as postmap drops it. Values are
    /// not parsed: the agent's delivery watch builds its ``PolicyLookup`` of the live map
    /// from these on every run.
    public static func storedKeys(in bytes: [UInt8]) -> [String] {
        var keys: [String] = []
        var seen = FoldedKeySet(expectedCount: max(16, bytes.count / 64))
        scan(bytes: bytes, store: { seen.insert($0) },
             stored: { keys.append(ASCII.string($0.keyBytes)) }, dropped: { _ in })
        return keys
    }
}
