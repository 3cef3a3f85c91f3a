import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension LabNamespace {
    /// Runs `body` on a new thread that has entered this namespace's network *and* mount
    /// namespaces, waits (at most `timeout`) for it, and returns what it returned.
    ///
    /// Unlike ``withNetworkNamespace(_:)``, the system resolver called in `body`
    /// (`getaddrinfo`, and the threads `body` starts) reads the namespace's
    /// `/etc/resolv.conf`, so it asks the lab's DNS server on 127.0.0.1, never the host's.
    /// A mount namespace can only be entered by a thread that does not share its file-system
    /// context (`setns(2)`), so the thread first unshares it (`CLONE_FS`); it is a fresh
    /// thread, so no other work of the process is affected, and it ends with `body`.
    /// Needs root (CAP_SYS_ADMIN, CAP_SYS_CHROOT).
    public func runInside<T: Sendable>(timeout: TimeInterval = 120, _ body: @escaping @Sendable () throws -> T) throws -> T {
        guard isRunning else { throw LabError.namespaceSetupFailed("namespace already stopped") }
        var descriptors: [Int32] = []
        for kind in ["net", "mnt"] {
            let path = "/proc/\(holderPID)/ns/\(kind)"
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                let reason = String(cString: strerror(errno))
                descriptors.forEach { close($0) }
                throw LabError.fileError(path: path, reason: reason)
            }
            descriptors.append(descriptor)
        }
        let (network, mount) = (descriptors[0], descriptors[1])
        let setns = try Self.libcFunction("setns")
        let unshare = try Self.libcFunction("unshare")
        let outcome = InsideOutcome<T>()
        let thread = Thread {
            defer { close(network); close(mount) }
            guard unshare(Self.cloneFS, 0) == 0 else {
                return outcome.finish(.failure(LabError.namespaceSetupFailed("unshare(CLONE_FS): \(String(cString: strerror(errno)))")))
            }
            guard setns(network, Self.cloneNewNet) == 0, setns(mount, Self.cloneNewMount) == 0 else {
                return outcome.finish(.failure(LabError.namespaceSetupFailed("setns: \(String(cString: strerror(errno)))")))
            }
            outcome.finish(Result { try body() })
        }
        thread.name = "TLSPolicyLab inside \(holderPID)"
        thread.start()
        guard let result = outcome.wait(timeout: timeout) else {
            throw LabError.waitTimedOut(what: "work on a thread inside namespace \(holderPID)", seconds: timeout)
        }
        return try result.get()
    }

    /// CLONE_FS and CLONE_NEWNS from <sched.h> (Linux UAPI values).
    private static let cloneFS: Int32 = 0x0000_0200
    private static let cloneNewMount: Int32 = 0x0002_0000
}

/// The result of work on a thread inside a namespace, handed to the waiting thread.
private final class InsideOutcome<T: Sendable>: @unchecked Sendable {
    // @unchecked: `result` is read and written holding `condition`.
    private let condition = NSCondition()
    private var result: Result<T, Error>?

    func finish(_ result: Result<T, Error>) {
        condition.lock()
        defer { condition.unlock() }
        self.result = result
        condition.broadcast()
    }

    func wait(timeout: TimeInterval) -> Result<T, Error>? {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while result == nil, condition.wait(until: deadline) {}
        return result
    }
}
