import PolicyGit

/// The release tags this host has *verified*, each with the tag object that
/// passed: a verified release must never change, so the same name advertised
/// with another object is refused (tag-moved).
///
/// Only verified objects are recorded. A tag that failed verification is
/// reported and forgotten: had it been remembered, maintainers replacing a
/// broken tag with the genuine release of the same name would find every host
/// refusing the genuine one as "moved", for good.
///
/// The caller persists it with the rest of the agent's state (it is
/// `Codable` as a name → object-ID dictionary).
public struct TagLedger: Sendable, Hashable, Codable {
    /// Tag name -> the tag object that passed verification.
    public private(set) var entries: [String: GitObjectID]

    /// An empty ledger (first run).
    public init() { entries = [:] }

    /// A ledger holding `entries`.
    public init(entries: [String: GitObjectID]) { self.entries = entries }

    /// The tags in `tags` whose name was verified with another object.
    public func moves(in tags: [GitTagReference]) -> [GitTagMove] {
        tags.compactMap { tag in
            guard let verified = entries[tag.name], verified != tag.objectID else { return nil }
            return GitTagMove(name: tag.name, cachedID: verified, remoteID: tag.objectID)
        }
    }

    /// True when `name` was verified with an object (whatever object).
    public func contains(_ name: String) -> Bool { entries[name] != nil }

    /// Records a release that passed verification. A name already recorded
    /// keeps its first verified object: verification never accepts a moved tag.
    public mutating func recordVerified(_ release: VerifiedRelease) {
        if entries[release.tagName] == nil {
            entries[release.tagName] = release.tagObjectID
        }
    }

    /// Forgets `name` (an operator's decision after maintainers re-published a
    /// release on purpose); true when it was recorded.
    @discardableResult
    public mutating func forget(_ name: String) -> Bool {
        entries.removeValue(forKey: name) != nil
    }

    /// Throws ``ReleaseTrustError/tagMoved(tag:previous:now:)`` when `tag` was
    /// verified with another object.
    public func check(_ tag: GitTagReference) throws(ReleaseTrustError) {
        if let move = moves(in: [tag]).first {
            throw .tagMoved(tag: move.name, previous: move.cachedID, now: move.remoteID)
        }
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([String: String].self)
        var entries: [String: GitObjectID] = [:]
        for (name, hex) in raw {
            guard let id = GitObjectID(hex: hex) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "tag \(name): '\(hex)' is not an object ID"))
            }
            entries[name] = id
        }
        self.entries = entries
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(entries.mapValues(\.hex))
    }
}
