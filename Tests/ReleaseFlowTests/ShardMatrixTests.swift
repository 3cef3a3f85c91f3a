import Foundation
import XCTest

/// A sharded probe covers every entry only if the matrix lists shards 1...N, each once,
/// and every `--shard` option and shard count in the job uses the same N.
final class ShardMatrixTests: XCTestCase {
    func testEveryShardMatrixCoversShardsOneToNExactlyOnceWithOneN() throws {
        var shardedJobs = 0
        for workflow in try Workflow.all() {
            for job in try workflow.jobs() {
                guard let values = job.matrixValues("shard") else { continue }
                shardedJobs += 1
                let place = "\(workflow.name): job \(job.id)"
                try assertShards(values, place: place, scripts: job.runScripts.map(\.script))
            }
        }
        XCTAssertGreaterThanOrEqual(shardedJobs, 2, "the daily probe and the release probe are sharded")
    }

    func testTheDailyReportWaitsForEveryShardOfTheMatrix() throws {
        let workflow = try Workflow.named("daily-probe.yml")
        let jobs = try workflow.jobs()
        let count = try XCTUnwrap(jobs.first { $0.id == "probe" }?.matrixValues("shard")?.count)
        let report = try XCTUnwrap(jobs.first { $0.id == "report" })
        let checks = report.runScripts.compactMap { Int(firstMatch(#"-ne (\d+)"#, in: $0.script) ?? "") }
        XCTAssertEqual(checks, [count], "the report job checks that all \(count) shards reported")
    }

    /// The checker itself: a gap, a duplicate or a mismatched N is reported.
    func testTheCheckRejectsGapsDuplicatesAndAMismatchedN() {
        XCTAssertNotNil(shardProblem(["1", "2", "4"], scripts: ["probe --shard ${{ matrix.shard }}/3"]))
        XCTAssertNotNil(shardProblem(["1", "2", "2"], scripts: ["probe --shard ${{ matrix.shard }}/3"]))
        XCTAssertNotNil(shardProblem(["1", "2", "3"], scripts: ["probe --shard ${{ matrix.shard }}/4"]))
        XCTAssertNotNil(shardProblem(["1", "2", "3"], scripts: ["probe --shard 1/3"]))
        XCTAssertNil(shardProblem(["1", "2", "3"], scripts: ["probe --shard ${{ matrix.shard }}/3 --format json"]))
    }

    private func assertShards(_ values: [String], place: String, scripts: [String]) throws {
        if let problem = shardProblem(values, scripts: scripts) { XCTFail("\(place): \(problem)") }
    }

    /// What is wrong with a matrix of `values` used by `scripts`, or nil.
    private func shardProblem(_ values: [String], scripts: [String]) -> String? {
        let numbers = values.compactMap { Int($0) }
        guard numbers.count == values.count else { return "shard values are not all integers: \(values)" }
        let n = numbers.count
        guard n > 0, numbers.sorted() == Array(1...n) else { return "shards are not 1...\(n), each once: \(values)" }
        let uses = scripts.flatMap { allMatches(#"--shard\s+(\$\{\{[^}]*\}\}\S*|\S+)"#, in: $0) }
        guard !uses.isEmpty else { return "no --shard option in the job's steps" }
        for use in uses {
            guard let total = firstMatch(#"^\$\{\{\s*matrix\.shard\s*\}\}/(\d+)$"#, in: use) else {
                return "--shard \(use) does not take I from the matrix"
            }
            guard Int(total) == n else { return "--shard \(use) says N = \(total), the matrix has \(n) shards" }
        }
        return nil
    }

    private func allMatches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    private func firstMatch(_ pattern: String, in text: String) -> String? {
        allMatches(pattern, in: text).first
    }
}
