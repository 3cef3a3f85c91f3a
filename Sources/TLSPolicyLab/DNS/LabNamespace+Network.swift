import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension LabNamespace {
    /// Runs `body` on the calling thread with that thread (only) moved into this namespace's
    /// network namespace, then moves it back.
    ///
    /// In-process clients (the resolver library, libcurl, a TLS socket) then reach the lab's
    /// servers on the namespace's loopback, and nothing else: sockets keep the namespace they
    /// were created in, so create them inside `body`. Threads started inside `body` inherit
    /// the namespace; other threads are unaffected. Needs root (CAP_SYS_ADMIN).
    public func withNetworkNamespace<T>(_ body: () throws -> T) throws -> T {
        guard isRunning else { throw LabError.namespaceSetupFailed("namespace already stopped") }
        let ownPath = "/proc/thread-self/ns/net"
        let labPath = "/proc/\(holderPID)/ns/net"
        let own = open(ownPath, O_RDONLY | O_CLOEXEC)
        guard own >= 0 else { throw LabError.fileError(path: ownPath, reason: String(cString: strerror(errno))) }
        defer { close(own) }
        let lab = open(labPath, O_RDONLY | O_CLOEXEC)
        guard lab >= 0 else { throw LabError.fileError(path: labPath, reason: String(cString: strerror(errno))) }
        defer { close(lab) }
        let setns = try Self.libcFunction("setns")
        guard setns(lab, Self.cloneNewNet) == 0 else {
            throw LabError.namespaceSetupFailed("setns(\(labPath)): \(String(cString: strerror(errno)))")
        }
        let result: Result<T, Error> = Result { try body() }
        guard setns(own, Self.cloneNewNet) == 0 else {
            // The thread stays in the lab's namespace: loopback only, so nothing escapes, but
            // later work on this thread would miss the host's network; say so loudly.
            throw LabError.namespaceSetupFailed("cannot return to the original network namespace: \(String(cString: strerror(errno)))")
        }
        return try result.get()
    }

    /// CLONE_NEWNET from <sched.h> (Linux UAPI value, stable since 2.6.24).
    static let cloneNewNet: Int32 = 0x4000_0000

    /// glibc declares setns(2) and unshare(2) only under _GNU_SOURCE, which Swift's Glibc
    /// module does not define, so they are looked up by name; both take (int, int).
    static func libcFunction(_ name: String) throws -> @convention(c) (Int32, Int32) -> Int32 {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
            throw LabError.namespaceSetupFailed("\(name) is not available in this C library")
        }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    }
}
