/// A regular file read from a tree: its path inside the tree and its bytes.
public struct GitBlobFile: Sendable, Hashable {
    /// The path from the tree's root, for example `policy/gmail.com.policy`.
    public let path: String
    /// The blob's object ID.
    public let id: GitObjectID
    /// The file's content.
    public let bytes: [UInt8]

    /// A file from its parts.
    public init(path: String, id: GitObjectID, bytes: [UInt8]) {
        self.path = path
        self.id = id
        self.bytes = bytes
    }
}
