import Foundation

/// Results written by worker threads, read after they finish.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Result<[String], Error>?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<[String], Error>) {
        lock.lock(); defer { lock.unlock() }
        values[index] = value
    }

    func get(_ index: Int) -> Result<[String], Error>? {
        lock.lock(); defer { lock.unlock() }
        return values[index]
    }
}
