import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock (`flock`) on a file in the state directory, held for one run so
/// that overlapping runs never race. The kernel releases it when the holder exits,
/// however it exits, so a killed run never leaves a stale lock.
public final class RunLock {
    /// The lock file.
    public let path: String
    private let descriptor: Int32

    /// Takes the lock, waiting at most `timeout` seconds for another run to finish.
    public init(path: String, timeout: Double = 10) throws(StateError) {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .unwritable(path: path, reason: String(cString: strerror(errno))) }
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(max(timeout, 0) * 1000)))
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let failure = errno
            guard failure == EWOULDBLOCK || failure == EINTR else {
                close(fd)
                throw .unwritable(path: path, reason: "flock: " + String(cString: strerror(failure)))
            }
            guard ContinuousClock.now < deadline else {
                close(fd)
                throw .lockTimeout(path: path, seconds: timeout)
            }
            usleep(50_000)
        }
        descriptor = fd
    }

    /// Closing the descriptor releases the lock.
    deinit { close(descriptor) }
}
