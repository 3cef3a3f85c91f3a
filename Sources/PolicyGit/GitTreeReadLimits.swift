/// Bounds for ``GitRepository/regularFiles(inTree:directory:limits:)``: a
/// release cannot make the reader allocate without limit.
public struct GitTreeReadLimits: Sendable, Hashable {
    /// The largest file accepted, in bytes.
    public var maximumFileSize: Int
    /// The most files accepted in the directory.
    public var maximumFileCount: Int

    /// Limits; the defaults fit a policy dataset many times over.
    public init(maximumFileSize: Int = 8 << 20, maximumFileCount: Int = 10_000) {
        self.maximumFileSize = maximumFileSize
        self.maximumFileCount = maximumFileCount
    }
}
