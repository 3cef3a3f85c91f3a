/// A tag the remote now advertises with another object than the cache holds:
/// a published release changed, which the cache refuses to follow.
public struct GitTagMove: Sendable, Hashable, CustomStringConvertible {
    /// The tag's short name.
    public let name: String
    /// The object the cache holds (and keeps).
    public let cachedID: GitObjectID
    /// The object the remote advertises now.
    public let remoteID: GitObjectID

    /// A move from its parts.
    public init(name: String, cachedID: GitObjectID, remoteID: GitObjectID) {
        self.name = name
        self.cachedID = cachedID
        self.remoteID = remoteID
    }

    public var description: String { "tag \(name) moved from \(cachedID) to \(remoteID)" }
}
