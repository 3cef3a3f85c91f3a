import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The few file operations an atomic deployment is built from, each durable (fsync)
/// and each failing with a typed error naming the path.
public enum DurableFileSystem {
    /// The text of the current `errno`.
    static func lastError() -> String { String(cString: strerror(errno)) }

    /// Creates `path` (which must not exist), writes `bytes`, sets mode and owner, and fsyncs.
    static func writeNew(_ path: String, bytes: [UInt8], mode: mode_t, owner: (uid_t, gid_t)?) throws(DeployError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .io(path: path, operation: "create", reason: lastError()) }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return write(fd, base + written, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "write", reason: lastError())
            }
            written += count
        }
        // open() applied the umask; the live file's mode is what Postfix expects.
        guard fchmod(fd, mode) == 0 else { throw .io(path: path, operation: "chmod", reason: lastError()) }
        if let (uid, gid) = owner, fchown(fd, uid, gid) != 0 {
            throw .io(path: path, operation: "chown", reason: lastError())
        }
        guard fsync(fd) == 0 else { throw .io(path: path, operation: "fsync", reason: lastError()) }
    }

    /// fsyncs an existing file (postmap's output, which postmap itself may not sync).
    static func sync(_ path: String) throws(DeployError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, operation: "open", reason: lastError()) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io(path: path, operation: "fsync", reason: lastError()) }
    }

    /// fsyncs a directory, making the renames in it durable.
    static func syncDirectory(_ path: String) throws(DeployError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, operation: "open directory", reason: lastError()) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io(path: path, operation: "fsync directory", reason: lastError()) }
    }

    /// rename(2): atomic within one file system.
    static func rename(_ from: String, to: String) throws(DeployError) {
        guard Glibc.rename(from, to) == 0 else {
            throw .io(path: to, operation: "rename from \(from)", reason: lastError())
        }
    }

    /// The whole file, or `nil` when it does not exist.
    static func read(_ path: String) throws(DeployError) -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, operation: "read", reason: "cannot read the file")
        }
        return [UInt8](data)
    }

    /// Writes `bytes` to `path` atomically: a temporary beside it, fsync, rename, fsync
    /// the directory. A reader sees the old file or the new one, never a torn one.
    public static func replaceAtomically(_ path: String, bytes: [UInt8], mode: mode_t = 0o644) throws(DeployError) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = "\(path).tmp.\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
        do {
            try writeNew(temporary, bytes: bytes, mode: mode, owner: nil)
            try rename(temporary, to: path)
        } catch {
            unlink(temporary)
            throw error
        }
        try syncDirectory(directory.isEmpty ? "." : directory)
    }
}
