import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one deadline of one fetch, enforced from name resolution to the last byte.
///
/// libgit2 1.5 has no connect or read timeout, and its progress callbacks run
/// only while data flows: a server that accepts the TCP connection and then
/// says nothing, a DNS server that never answers, or an SSH server that never
/// sends its banner stall a fetch for ever. Three ways out were weighed
/// (libgit2 1.5.1's source read for each):
///
/// - Polling with the remaining time inside a custom stream covers only what
///   libgit2 reads through the stream. Its SSH transport does not: it takes
///   the socket out of the stream and hands it to libssh2, which waits in
///   `poll` with no timeout (libgit2 sets none).
/// - Running the fetch in a child process killed at the deadline bounds
///   everything, but needs a helper executable installed beside every program
///   that fetches, a protocol between the two, and a child that inherits the
///   caller's namespaces only if spawned from the caller's own thread.
/// - A watchdog that, at the deadline, shuts down (`shutdown(2)`) every socket
///   the fetch opened. Whoever waits on such a socket (libgit2 itself, OpenSSL
///   under it, libssh2) wakes at once with end-of-file or an error, and a
///   connect still in progress is aborted. Name resolution has no socket of
///   ours, so it runs on a helper thread that the fetch stops waiting for.
///
/// This type is the third: PolicyGit's registered socket stream
/// (``GitSocketStream``) puts each socket under the watch of the deadline
/// current on the fetching thread, and resolves names with
/// ``GitAddressResolver`` bounded by it. The progress callbacks still check
/// ``hasPassed``, which is what bounds a `file://` fetch (no sockets there);
/// a local file system that hangs inside a system call cannot be interrupted
/// in-process.
///
/// The watchdog thread starts with the first socket, so a `file://` fetch
/// costs none, and ends with ``finish()``.
final class GitFetchDeadline: @unchecked Sendable {
    // @unchecked: every mutable property is read and written holding `condition`.

    /// The deadline in seconds from creation, as configured.
    let seconds: Double
    private let end: ContinuousClock.Instant
    private let condition = NSCondition()
    private var sockets: Set<Int32> = []
    private var fired = false
    private var finished = false
    private var watching = false

    /// A deadline `seconds` from now (a negative value counts as zero).
    init(seconds: Double) {
        self.seconds = seconds
        end = ContinuousClock.now.advanced(by: .milliseconds(Int64(max(seconds, 0) * 1_000)))
    }

    /// True once the deadline has passed.
    var hasPassed: Bool {
        ContinuousClock.now >= end
    }

    /// Time left, zero once passed.
    var remaining: Duration {
        max(end - ContinuousClock.now, .zero)
    }

    /// Puts `socket` under watch: it is shut down when the deadline passes.
    /// Returns false, watching nothing, when it has passed already.
    func watch(_ socket: Int32) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !fired, !finished, !hasPassed else { return false }
        sockets.insert(socket)
        if !watching {
            watching = true
            // A thread of its own, not a dispatch queue: the fetch may run on a
            // cooperative-pool thread the watchdog must not compete with, and a
            // dedicated thread is never delayed by other work.
            let thread = Thread { [self] in self.watchUntilDeadline() }
            thread.name = "PolicyGit fetch deadline"
            thread.start()
        }
        return true
    }

    /// Takes `socket` off the watch. Called before the socket is closed, so the
    /// watchdog can never shut down a descriptor number that was reused.
    func unwatch(_ socket: Int32) {
        condition.lock()
        defer { condition.unlock() }
        sockets.remove(socket)
    }

    /// Ends the watch (the fetch is over); the watchdog thread exits.
    func finish() {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        sockets.removeAll()
        condition.broadcast()
    }

    private func watchUntilDeadline() {
        condition.lock()
        defer { condition.unlock() }
        while !finished {
            let left = remaining
            if left == .zero {
                fired = true
                for socket in sockets {
                    // Wakes every reader and writer of the socket, in this process
                    // or in libssh2; the owner still closes it.
                    _ = shutdown(socket, Int32(SHUT_RDWR))
                }
                return
            }
            // NSCondition waits until a wall-clock date; the loop measures what is
            // left on the monotonic clock after every wake, so a clock step costs
            // at most one extra wait, never a missed deadline.
            let parts = left.components
            let interval = Double(parts.seconds) + Double(parts.attoseconds) / 1e18
            _ = condition.wait(until: Date().addingTimeInterval(interval))
        }
    }

    // MARK: The deadline of the fetch running on this thread

    /// The thread-local slot for ``current``: libgit2 creates streams through a
    /// registered C constructor that takes no context, on the fetching thread.
    /// Nil if the system has no key left to give: streams then run without a
    /// deadline, as libgit2's own would, and progress callbacks still stop the fetch.
    private static let slot: pthread_key_t? = {
        var key = pthread_key_t()
        return pthread_key_create(&key, nil) == 0 ? key : nil
    }()

    /// The deadline of the fetch running on the calling thread, if any.
    static var current: GitFetchDeadline? {
        guard let slot else { return nil }
        return pthread_getspecific(slot).map { Unmanaged<GitFetchDeadline>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Runs `body` with this deadline as the calling thread's ``current``.
    func during<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        guard let slot = Self.slot else { return try body() }
        let previous = pthread_getspecific(slot)
        _ = pthread_setspecific(slot, Unmanaged.passUnretained(self).toOpaque())
        defer { _ = pthread_setspecific(slot, previous) }
        return try withExtendedLifetime(self) { () throws(Failure) -> Result in try body() }
    }
}
