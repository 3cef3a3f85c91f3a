/// A tag the remote now advertises with another object than the cache holds:
/// a published release changed, which the cache refuses to follow unless told.
public struct GitTagMove: Sendable, Hashable, CustomStringConvertible {
    /// The tag's short name.
    public let name: String
    /// The object the cache held.
    public let cachedID: GitObjectID
    /// The object the remote advertises now.
    public let remoteID: GitObjectID
    /// True when the cache took the remote's object (the caller listed the tag
    /// in ``GitFetchOptions/followMovedTags``); false when it kept its own.
    public let followed: Bool

    /// A move from its parts.
    public init(name: String, cachedID: GitObjectID, remoteID: GitObjectID, followed: Bool = false) {
        self.name = name
        self.cachedID = cachedID
        self.remoteID = remoteID
        self.followed = followed
    }

    public var description: String {
        "tag \(name) moved from \(cachedID) to \(remoteID)" + (followed ? " (followed)" : "")
    }
}
