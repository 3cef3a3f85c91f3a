/// What one ``GitCache/fetchTags(from:options:)`` did.
public struct GitFetchReport: Sendable, Hashable {
    /// True when the cache held no tags before: the fetch was a first clone.
    public let wasInitialClone: Bool
    /// Exactly the tags the remote advertised in this fetch, sorted by name:
    /// the remote as it is now.
    public let remoteTags: [GitTagReference]
    /// The tags this fetch added to the cache (new ones, and moved ones it
    /// followed because ``GitFetchOptions/followMovedTags`` named them).
    public let fetchedTags: [GitTagReference]
    /// Tags the remote advertises with a different object than the cache holds.
    /// Unless ``GitTagMove/followed``, the cache kept its object: a release tag
    /// must never change, so treat such an entry as an attack.
    public let movedTags: [GitTagMove]
    /// Tags the cache held that the remote no longer advertises: removed from
    /// the cache (with the object they pointed at), so a tag deleted upstream
    /// is never selected again.
    public let prunedTags: [GitTagReference]
    /// Tags (held after the fetch, or dropped by it) that cannot be releases:
    /// they lead to a blob or tree, are oversized, malformed, or arrived
    /// incomplete. Ignore those outside the release pin.
    public let unusableTags: [GitUnusableTag]
    /// Bytes of pack data downloaded (0 when there was nothing new).
    public let receivedBytes: Int

    /// A report from its parts.
    public init(wasInitialClone: Bool, remoteTags: [GitTagReference], fetchedTags: [GitTagReference], movedTags: [GitTagMove],
                prunedTags: [GitTagReference] = [], unusableTags: [GitUnusableTag] = [], receivedBytes: Int = 0) {
        self.wasInitialClone = wasInitialClone
        self.remoteTags = remoteTags
        self.fetchedTags = fetchedTags
        self.movedTags = movedTags
        self.prunedTags = prunedTags
        self.unusableTags = unusableTags
        self.receivedBytes = receivedBytes
    }
}
