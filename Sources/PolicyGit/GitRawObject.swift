/// A stored object exactly as the object database holds it, without the
/// `type size\0` header: for a tag, the bytes `git cat-file tag` prints,
/// signature included.
public struct GitRawObject: Sendable, Hashable {
    /// The object's ID.
    public let id: GitObjectID
    /// The object's type.
    public let type: GitObjectType
    /// The object's content.
    public let bytes: [UInt8]

    /// An object from its parts.
    public init(id: GitObjectID, type: GitObjectType, bytes: [UInt8]) {
        self.id = id
        self.type = type
        self.bytes = bytes
    }
}
