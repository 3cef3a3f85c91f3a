import Foundation
import PolicyReport

/// The hand-written probe results under Fixtures/ (schema version 1, docs/probe-json.md)
/// and the golden outputs under Golden/.
enum ReportFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    /// An older run: bad.test and gone.test passed then, good.test failed.
    static let olderRun = Date(timeIntervalSince1970: 1_793_502_000) // 2026-11-01T03:00:00Z
    /// The newest run, in two shards.
    static let newerRun = Date(timeIntervalSince1970: 1_794_106_800) // 2026-11-08T03:00:00Z

    static func url(_ name: String) -> URL { directory.appendingPathComponent("Fixtures").appendingPathComponent(name) }

    static func golden(_ name: String) -> URL { directory.appendingPathComponent("Golden").appendingPathComponent(name) }

    /// Decodes a fixture as the command would, with the given run time.
    static func file(_ name: String, at runTime: Date) throws -> ProbeResultsFile {
        try ProbeResultsFile(decoding: try Data(contentsOf: url(name)), name: "Fixtures/\(name)", runTime: runTime)
    }

    /// Both shards of the newer run.
    static func newerShards() throws -> [ProbeResultsFile] {
        [try file("run1-shard1.json", at: newerRun), try file("run1-shard2.json", at: newerRun)]
    }

    /// The older run, then both shards of the newer run.
    static func history() throws -> [ProbeResultsFile] {
        [try file("run0.json", at: olderRun)] + (try newerShards())
    }
}
