import Foundation

/// Runs the async probe from the synchronous command and waits, bounded, for its result.
/// The main thread only waits; the work runs on Swift's pool and the prober's threads.
enum ProbeRunner {
    struct TimedOut: Error, CustomStringConvertible {
        var seconds: Double
        var description: String { "the probe did not finish within \(Int(seconds)) s" }
    }

    /// Holds the result across threads; written once before the semaphore is signalled.
    private final class Box<T>: @unchecked Sendable {
        var value: T?
    }

    static func wait<T: Sendable>(seconds: Double, _ work: @escaping @Sendable () async -> T) throws -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.value = await work()
            done.signal()
        }
        guard done.wait(timeout: .now() + seconds) == .success, let value = box.value else {
            throw TimedOut(seconds: seconds)
        }
        return value
    }
}
