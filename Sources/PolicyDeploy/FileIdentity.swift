#if canImport(Glibc)
import Glibc
#endif

/// Which file a path named at one moment: inode, size and modification time. A deploy
/// records the identity of the indexed files it installed, so a later run can tell
/// that nobody (and no killed run) replaced them since.
public struct FileIdentity: Sendable, Hashable, Codable {
    public var path: String
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    /// Modification time, nanoseconds since the epoch.
    public var modified: Int64
    /// Status-change time, nanoseconds since the epoch: unlike the modification time, no
    /// one can set it back, so a file rewritten in place never keeps its identity. Nil in
    /// identities recorded before it was kept (they never match).
    public var changed: Int64?

    /// The identity of the file at `path` now, `nil` when there is none.
    public static func of(_ path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(path: path, device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                            modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                            changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec))
    }
}
