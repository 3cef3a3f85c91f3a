/// One tag as a repository advertises or stores it: its name and the object
/// its reference points at (the tag object for an annotated tag).
public struct GitTagReference: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The short name, without `refs/tags/`, for example `v1.2.0`.
    public let name: String
    /// The object `refs/tags/<name>` points at.
    public let objectID: GitObjectID

    /// A tag from its parts.
    public init(name: String, objectID: GitObjectID) {
        self.name = name
        self.objectID = objectID
    }

    /// The full reference name, `refs/tags/<name>`.
    public var referenceName: String { "refs/tags/" + name }

    public var description: String { "\(name) -> \(objectID)" }

    public static func < (lhs: GitTagReference, rhs: GitTagReference) -> Bool {
        (lhs.name, lhs.objectID) < (rhs.name, rhs.objectID)
    }
}
