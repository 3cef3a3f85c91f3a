import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The project's one way to write a file: durably (fsync) and atomically (rename), each
/// step failing with a ``DurableFileError`` that names the path and the operation.
///
/// Every file the tools write goes through here: the agent's map, state, ledger, record
/// and metrics; the validator's rendered table, reports, `lint --fix` rewrites and
/// imported dataset files.
public enum DurableFileSystem {
    /// Writes `bytes` to `path` atomically: a temporary beside it created with `O_EXCL`,
    /// written and fsynced, renamed over `path`, then the directory fsynced. A reader sees
    /// the old file or the new one, never a torn one, and after a crash the new one stays.
    ///
    /// - Parameter mode: the permission bits; `nil` keeps those of the file being
    ///   replaced (`lint --fix` must not change a file's mode), or 0644 for a new file.
    public static func replaceAtomically(_ path: String, bytes: [UInt8], mode: mode_t? = nil) throws(DurableFileError) {
        let staged = try StagedFile(bytes, for: path, mode: mode)
        try staged.publish()
        try syncDirectory(containing: path)
    }

    /// Creates `path` (which must not exist), writes `bytes`, sets mode and owner, and fsyncs.
    public static func writeNew(_ path: String, bytes: [UInt8], mode: mode_t, owner: (uid_t, gid_t)?) throws(DurableFileError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure(path, "create") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return write(fd, base + written, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path, "write")
            }
            written += count
        }
        // open() applied the umask; the file's mode is what the caller asked for.
        guard fchmod(fd, mode) == 0 else { throw failure(path, "chmod") }
        if let (uid, gid) = owner, fchown(fd, uid, gid) != 0 {
            throw failure(path, "chown")
        }
        guard fsync(fd) == 0 else { throw failure(path, "fsync") }
    }

    /// fsyncs an existing file (one another program wrote, such as postmap's output,
    /// which postmap itself may not sync).
    public static func sync(_ path: String) throws(DurableFileError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, "open") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure(path, "fsync") }
    }

    /// fsyncs a directory, making the renames in it durable.
    public static func syncDirectory(_ path: String) throws(DurableFileError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, "open directory") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure(path, "fsync directory") }
    }

    /// fsyncs the directory that holds `path`.
    public static func syncDirectory(containing path: String) throws(DurableFileError) {
        let directory = (path as NSString).deletingLastPathComponent
        try syncDirectory(directory.isEmpty ? "." : directory)
    }

    /// rename(2): atomic within one file system.
    public static func rename(_ from: String, to: String) throws(DurableFileError) {
        guard Glibc.rename(from, to) == 0 else { throw failure(to, "rename from \(from)") }
    }

    /// The whole file, or `nil` when it does not exist.
    public static func read(_ path: String) throws(DurableFileError) -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DurableFileError(path: path, operation: "read", reason: "cannot read the file")
        }
        return [UInt8](data)
    }

    /// The error for the call that just failed, with the text of its `errno`.
    public static func failure(_ path: String, _ operation: String) -> DurableFileError {
        DurableFileError(path: path, operation: operation, reason: String(cString: strerror(errno)))
    }
}
