import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One open mail log file and the identity it had when opened: the descriptor is what
/// is read, so a rename between the check and the read cannot mix two files.
struct MailLogFile {
    let path: String
    let device: UInt64
    let inode: UInt64
    let size: UInt64
    private let handle: FileHandle

    /// Opens `path`; nil when there is no such file.
    static func open(_ path: String) throws(MailLogError) -> MailLogFile? {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            if !FileManager.default.fileExists(atPath: path) { return nil }
            throw .unreadableFile(path: path, reason: FileManager.default.isReadableFile(atPath: path)
                ? "cannot open it for reading" : "permission denied")
        }
        var status = stat()
        guard fstat(handle.fileDescriptor, &status) == 0 else {
            throw .unreadableFile(path: path, reason: "fstat: \(String(cString: strerror(errno)))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw .unreadableFile(path: path, reason: "not a regular file")
        }
        return MailLogFile(path: path, device: UInt64(status.st_dev), inode: UInt64(status.st_ino),
                           size: UInt64(status.st_size), handle: handle)
    }

    /// Whether this is the file `position` was taken in.
    func isFile(of position: MailLogPosition) -> Bool {
        device == position.device && inode == position.inode
    }

    /// Up to `limit` bytes from `offset` (fewer at the end of the file).
    func read(from offset: UInt64, limit: Int) throws(MailLogError) -> [UInt8] {
        do {
            try handle.seek(toOffset: offset)
            return [UInt8](try handle.read(upToCount: limit) ?? Data())
        } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription)
        }
    }
}
