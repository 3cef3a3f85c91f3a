import Foundation

/// Runs async work to completion from a synchronous command's `run()`.
///
/// The root command's entry point is synchronous (it bootstraps logging before any
/// command runs), while swift-subprocess and the release checks are async. The work
/// runs in a task; the calling thread waits on a semaphore for its result.
enum BlockingTask {
    /// The result of `body`, once it has finished.
    static func run<Value: Sendable>(_ body: @escaping @Sendable () async -> Value) -> Value {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<Value>()
        Task {
            box.set(await body())
            done.signal()
        }
        done.wait()
        // The task stored a value before signalling, so this cannot be nil.
        guard let value = box.get() else { preconditionFailure("task signalled without a result") }
        return value
    }

    /// The task's result, handed back to the waiting thread under a lock.
    private final class ResultBox<Value: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Value?

        func set(_ newValue: Value) { lock.withLock { value = newValue } }
        func get() -> Value? { lock.withLock { value } }
    }
}
