/// What a tag leads to once peeled: the commit and that commit's tree.
public struct GitTagTarget: Sendable, Hashable {
    /// The commit the tag (through any chain of tags) names.
    public let commitID: GitObjectID
    /// The commit's root tree.
    public let treeID: GitObjectID

    /// A target from its parts.
    public init(commitID: GitObjectID, treeID: GitObjectID) {
        self.commitID = commitID
        self.treeID = treeID
    }
}
