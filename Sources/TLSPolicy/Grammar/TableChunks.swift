import Foundation

/// A large table read in chunks on all cores: cut at logical-line boundaries
/// (``TableReader/chunkBoundaries(of:count:)``), so that each chunk reads exactly as that
/// part of the whole file does, each chunk read on its own thread, the results handed
/// back in file order for the caller to join.
enum TableChunks {
    /// How many chunks to cut a table of `size` bytes into: one below `threshold` (starting
    /// threads costs more than it saves), else one per core, at most eight.
    static func parts(forSize size: Int, threshold: Int) -> Int {
        size >= threshold ? min(ProcessInfo.processInfo.activeProcessorCount, 8) : 1
    }

    /// Runs `read` on each chunk of `bytes` (its byte range) concurrently; the results in file order.
    static func read<Value: Sendable>(_ bytes: [UInt8], parts: Int,
                                      _ read: @Sendable (Range<Int>) -> Value) -> [Value] {
        let cuts = TableReader.chunkBoundaries(of: bytes, count: parts)
        let ranges = zip(cuts, cuts.dropFirst()).map { $0..<$1 }
        if ranges.count == 1 { return [read(ranges[0])] }
        let results = Slots<Value>(count: ranges.count)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
            results.store(read(ranges[index]), at: index)
        }
        return results.all
    }

    /// Results written by concurrent workers, one slot each.
    private final class Slots<Value: Sendable>: @unchecked Sendable {
        // @unchecked: every access holds `lock`.
        private let lock = NSLock()
        private var slots: [Value?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func store(_ value: Value, at index: Int) {
            lock.withLock { slots[index] = value }
        }

        var all: [Value] { lock.withLock { slots.compactMap { $0 } } }
    }
}
