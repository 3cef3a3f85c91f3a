/// A tag the cache holds (or just dropped) that cannot be a release: the
/// caller ignores it, or refuses it when it is one it would deploy. Such a
/// tag never makes the cache count as corrupt.
public struct GitUnusableTag: Sendable, Hashable, CustomStringConvertible {
    /// Why a tag is unusable.
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        /// The tag (through any chain of tag objects) names a blob or a tree,
        /// not a commit. Kept in the cache.
        case notACommit(GitObjectType)
        /// A tag object in the chain is larger than the cache's limit; it was
        /// not read. Kept in the cache.
        case tagObjectTooLarge(size: Int, limit: Int)
        /// A tag object in the chain does not start with `object` and `type`
        /// lines. Kept in the cache.
        case malformedTagObject(String)
        /// The chain of tag objects is longer than the limit. Kept in the cache.
        case tooManyNestedTags(limit: Int)
        /// Right after the download, objects the tag leads to were missing or
        /// could not be parsed (the remote sent an incomplete or broken pack).
        /// Dropped from the cache, so it cannot later pass for local damage.
        case incomplete(String)

        public var description: String {
            switch self {
            case .notACommit(let type): return "it leads to a \(type.rawValue), not a commit"
            case .tagObjectTooLarge(let size, let limit): return "a tag object is \(size) bytes, more than the limit of \(limit)"
            case .malformedTagObject(let reason): return "a tag object is malformed: \(reason)"
            case .tooManyNestedTags(let limit): return "more than \(limit) tag objects chained"
            case .incomplete(let reason): return "the remote sent it incomplete (\(reason)); not kept"
            }
        }
    }

    /// The tag as the cache held or fetched it.
    public let tag: GitTagReference
    /// Why it cannot be a release.
    public let reason: Reason

    /// An unusable tag from its parts.
    public init(tag: GitTagReference, reason: Reason) {
        self.tag = tag
        self.reason = reason
    }

    public var description: String { "tag \(tag.name) is unusable: \(reason)" }
}
