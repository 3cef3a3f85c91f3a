/// What one ``GitCache/fetchTags(from:options:)`` did.
public struct GitFetchReport: Sendable, Hashable {
    /// True when the cache held no tags before: the fetch was a first clone.
    public let wasInitialClone: Bool
    /// Every tag the remote advertised, sorted by name.
    public let remoteTags: [GitTagReference]
    /// The tags this fetch added to the cache.
    public let fetchedTags: [GitTagReference]
    /// Tags the remote advertises with a different object than the cache holds;
    /// the cache kept its object. A release tag must never change: treat any
    /// entry here as an attack.
    public let movedTags: [GitTagMove]

    /// A report from its parts.
    public init(wasInitialClone: Bool, remoteTags: [GitTagReference], fetchedTags: [GitTagReference], movedTags: [GitTagMove]) {
        self.wasInitialClone = wasInitialClone
        self.remoteTags = remoteTags
        self.fetchedTags = fetchedTags
        self.movedTags = movedTags
    }
}
