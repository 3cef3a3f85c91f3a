/// A deterministic split of entries for CI job matrices: `I/N` takes the entries whose
/// key hashes to `I` (1-based) modulo `N`. The hash is FNV-1a over the folded key, so the
/// split is the same on every machine and run, and every entry is in exactly one shard.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based shard number.
    public let index: Int
    /// Number of shards.
    public let count: Int

    /// A `--shard` value that is not `I/N` with 1 ≤ I ≤ N.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let text: String
        public var description: String { "--shard must be I/N with 1 <= I <= N (for example 2/4), not '\(text)'" }
    }

    /// Parses `I/N`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
            throw ParseError(text: text)
        }
        self.index = index
        self.count = count
    }

    /// True when the entry with this key belongs to this shard.
    public func contains(key: String) -> Bool {
        Int(Self.stableHash(key.lowercased()) % UInt64(count)) + 1 == index
    }

    /// FNV-1a, 64 bits: stable across processes (unlike `Hasher`, which is seeded per run).
    public static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    public var description: String { "\(index)/\(count)" }
}
