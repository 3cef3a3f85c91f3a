import PolicyGit

/// Every release tag name seen, with the object it named: a published tag
/// must never change, so a tag seen again with another object is an attack
/// (or a maintainer's mistake that no host should follow).
///
/// The caller persists it (``serialized()``, one `OBJECT-ID NAME` line per
/// tag) across runs, so a move is caught even after the cache is re-cloned.
public struct TagLedger: Sendable, Hashable {
    /// Tag name -> the object it named when first seen.
    public private(set) var entries: [String: GitObjectID]

    /// An empty ledger (first run).
    public init() { entries = [:] }

    /// Reads a ledger written by ``serialized()``; `path` names it in errors.
    public init(parsing text: String, path: String) throws(ReleaseTrustError) {
        var entries: [String: GitObjectID] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let fields = line.split(separator: " ", maxSplits: 1)
            guard fields.count == 2, let id = GitObjectID(hex: String(fields[0])), !fields[1].isEmpty else {
                throw .malformedLedger(path: path, line: index + 1, reason: "expected 'OBJECT-ID TAG-NAME'")
            }
            let name = String(fields[1])
            guard entries[name] == nil else {
                throw .malformedLedger(path: path, line: index + 1, reason: "tag '\(name)' listed twice")
            }
            entries[name] = id
        }
        self.entries = entries
    }

    /// The tags in `tags` that name another object than when first seen.
    public func moves(in tags: [GitTagReference]) -> [GitTagMove] {
        tags.compactMap { tag in
            guard let seen = entries[tag.name], seen != tag.objectID else { return nil }
            return GitTagMove(name: tag.name, cachedID: seen, remoteID: tag.objectID)
        }
    }

    /// Records the tags not seen before; a tag already recorded keeps its first object.
    public mutating func record(_ tags: [GitTagReference]) {
        for tag in tags where entries[tag.name] == nil {
            entries[tag.name] = tag.objectID
        }
    }

    /// Throws ``ReleaseTrustError/tagMoved(tag:previous:now:)`` when `tag` names
    /// another object than when first seen.
    public func check(_ tag: GitTagReference) throws(ReleaseTrustError) {
        if let move = moves(in: [tag]).first {
            throw .tagMoved(tag: move.name, previous: move.cachedID, now: move.remoteID)
        }
    }

    /// The ledger as text, sorted by name.
    public func serialized() -> String {
        entries.sorted { $0.key < $1.key }.map { "\($0.value.hex) \($0.key)\n" }.joined()
    }
}
