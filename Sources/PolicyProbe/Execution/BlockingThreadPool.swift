import Foundation

/// A fixed set of threads for the probe's blocking work (resolver, socket, TLS and
/// libcurl calls), bridged to async callers by continuations.
///
/// Swift's cooperative pool has one thread per core; a blocking `connect(2)` or
/// `SSL_connect` there would stall every other task. These threads are plain
/// pthreads, started in `init`: threads inherit the creating thread's network
/// namespace, so a pool made inside a lab namespace probes only that namespace.
public final class BlockingThreadPool: @unchecked Sendable {
    // Sendable by construction: `jobs` and `closed` are only touched under `condition`.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var closed = false
    private var threads: [Thread] = []
    private let finished: DispatchGroup = DispatchGroup()

    /// The number of threads, i.e. how many blocking calls can run at once.
    public let size: Int

    /// Starts `size` threads (at least one).
    public init(size: Int, name: String = "probe") {
        self.size = max(1, size)
        for index in 0..<self.size {
            finished.enter()
            let thread = Thread { [self] in
                self.workLoop()
                self.finished.leave()
            }
            thread.name = "\(name)-\(index)"
            // Probe threads hold little: small stacks keep a 1,000-thread pool cheap.
            thread.stackSize = 512 * 1024
            threads.append(thread)
            thread.start()
        }
    }

    deinit { shutdown() }

    /// Runs `body` on one of the pool's threads and returns its result.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            let accepted = enqueue {
                continuation.resume(with: Result { try body() })
            }
            if !accepted { continuation.resume(throwing: CancellationError()) }
        }
    }

    /// Stops accepting work, lets queued jobs finish, and waits (at most `timeout`) for the threads.
    public func shutdown(timeout: TimeInterval = 30) {
        condition.lock()
        let wasClosed = closed
        closed = true
        condition.broadcast()
        condition.unlock()
        if !wasClosed { _ = finished.wait(timeout: .now() + timeout) }
    }

    private func enqueue(_ job: @escaping @Sendable () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    private func workLoop() {
        while true {
            condition.lock()
            while jobs.isEmpty && !closed { condition.wait() }
            if jobs.isEmpty && closed {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
