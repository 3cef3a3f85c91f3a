import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replaces a small file atomically: a temporary beside it, fsync, rename(2), fsync of
/// the directory. A reader (the Prometheus collector, the next run) sees the old file
/// or the new one, never a torn one.
enum AtomicFile {
    /// Why a file could not be written.
    struct WriteError: Error, Sendable, CustomStringConvertible {
        var path: String
        var operation: String
        var reason: String
        var description: String { "\(path): \(operation) failed: \(reason)" }
    }

    static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(WriteError) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = "\(path).tmp.\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw WriteError(path: temporary, operation: "create", reason: lastError()) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.write(fd, base + written, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = lastError()
                close(fd)
                unlink(temporary)
                throw WriteError(path: temporary, operation: "write", reason: reason)
            }
            written += count
        }
        // open() applied the umask; the mode asked for is the one meant.
        let synced = fchmod(fd, mode) == 0 && fsync(fd) == 0
        let reason = lastError()
        close(fd)
        guard synced else {
            unlink(temporary)
            throw WriteError(path: temporary, operation: "fsync", reason: reason)
        }
        guard rename(temporary, path) == 0 else {
            let reason = lastError()
            unlink(temporary)
            throw WriteError(path: path, operation: "rename", reason: reason)
        }
        let directoryFD = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryFD >= 0 {
            defer { close(directoryFD) }
            guard fsync(directoryFD) == 0 else {
                throw WriteError(path: directory, operation: "fsync directory", reason: lastError())
            }
        }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
