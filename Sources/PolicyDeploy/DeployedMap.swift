/// What a successful deploy installed: enough to tell, on the next run, that the live
/// map is still exactly that (so nothing needs rebuilding).
public struct DeployedMap: Sendable, Hashable, Codable {
    /// The map as `TYPE:PATH`.
    public var map: String
    /// SHA-256 of the source file's bytes.
    public var contentHash: String
    /// Entries in the table.
    public var entryCount: Int
    /// The files Postfix reads, as installed.
    public var indexedFiles: [FileIdentity]
    /// The source file, as installed (nil in records written before it was kept).
    public var sourceFile: FileIdentity?

    public init(map: String, contentHash: String, entryCount: Int, indexedFiles: [FileIdentity],
                sourceFile: FileIdentity? = nil) {
        self.map = map
        self.contentHash = contentHash
        self.entryCount = entryCount
        self.indexedFiles = indexedFiles
        self.sourceFile = sourceFile
    }
}
