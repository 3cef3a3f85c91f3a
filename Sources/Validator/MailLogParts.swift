import Foundation
import PostfixLog

/// Reads a large uncompressed log on every core: cut at line boundaries, one tally per
/// part, merged in file order (``DestinationTally/merge(_:)`` ties the deliveries at the
/// start of a part to the TLS lines at the end of the one before), so that the result is
/// the one a single pass gives.
enum MailLogParts {
    /// Below this size one pass is as fast (the same threshold as lint's).
    static let threshold: UInt64 = 4 << 20

    /// Adds the file at `url`, read in `parts` parts at once, to `tally`.
    static func add(_ url: URL, parts: Int, to tally: inout DestinationTally) throws {
        let cuts = try PostfixLogFile.lineAlignedCuts(at: url, parts: parts)
        let ranges = zip(cuts, cuts.dropFirst()).map { $0..<$1 }
        let results = PartResults(count: ranges.count)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
            var tally = DestinationTally(isContinuation: index > 0)
            do {
                try PostfixLogFile.forEachLine(at: url, in: ranges[index]) { line, _ in tally.add(line: line) }
                results.store(.success(tally), at: index)
            } catch {
                results.store(.failure(error), at: index)
            }
        }
        for result in results.all {
            tally.merge(try result.get())
        }
    }

    private final class PartResults: @unchecked Sendable {
        // @unchecked: every access holds `lock`.
        private let lock = NSLock()
        private var slots: [Result<DestinationTally, any Error>?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func store(_ result: Result<DestinationTally, any Error>, at index: Int) {
            lock.withLock { slots[index] = result }
        }

        var all: [Result<DestinationTally, any Error>] { lock.withLock { slots.compactMap { $0 } } }
    }
}
