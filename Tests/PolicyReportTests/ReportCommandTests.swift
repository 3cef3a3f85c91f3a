import ExternalCommand
import Foundation
import TLSPolicyLab
import XCTest

/// `tls-policy-validator report`, run as the built binary on real `probe --format json`
/// output from the loopback lab: two runs over time, the newer one in two shards, as the
/// scheduled workflow produces them.
final class ReportCommandTests: XCTestCase {
    /// The validator in a lab namespace with the mail provider, and the probe runs a
    /// report is made from.
    private final class Lab {
        private let lab: ValidatorProbeLab

        init() throws {
            if let reason = LabEnvironment.unavailableReason { throw XCTSkip("lab unavailable: \(reason)") }
            lab = try ValidatorProbeLab()
        }

        func stop() { lab.stop() }

        func url(_ name: String) -> URL { lab.url(name) }

        func validator(_ arguments: [String]) throws -> CommandResult { try lab.validator(arguments) }

        /// Probes `table` (written as provider.policy) and saves the JSON it prints as `name`.
        func probe(_ table: String, into name: String, extra: [String] = []) throws -> URL {
            let policy = try lab.write("provider.policy", table)
            let result = try validator(lab.probeArguments + ["--format", "json"] + extra + [policy.path])
            XCTAssertTrue([0, 1].contains(result.exitStatus), result.stderrText)
            let output = url(name)
            try LabFileSystem.write(Data(result.stdout), to: output)
            return output
        }
    }

    func testReportMergesRealShardedProbeRunsAndKeepsLastVerified() throws {
        let lab = try Lab()
        defer { lab.stop() }
        // Last week bad.test had a working line.
        let old = try lab.probe("good.test secure match=.provider.test\nbad.test secure match=.provider.test\n", into: "old.json")
        // The probe stamps its start time; make that run a week old.
        var document = try XCTUnwrap(try JSONSerialization.jsonObject(with: try LabFileSystem.read(old)) as? [String: Any])
        XCTAssertNotNil(document["started"] as? String, "probe --format json says when the run started")
        document["started"] = "2026-11-01T03:00:00Z"
        try LabFileSystem.write(try JSONSerialization.data(withJSONObject: document), to: old)
        // Today it lost its match= list and fails; the run is split over two shards.
        let table = "good.test secure match=.provider.test\nbad.test secure\n"
        let shards = try ["1/2", "2/2"].enumerated().map { index, shard in
            try lab.probe(table, into: "shard-\(index + 1).json", extra: ["--shard", shard])
        }

        let out = lab.url("report")
        let result = try lab.validator(["report", old.path] + shards.map(\.path) + ["-o", out.path, "--title", "Daily probe"])
        XCTAssertEqual(result.exitStatus, 0, result.stderrText)
        let markdown = String(decoding: try LabFileSystem.read(out.appendingPathComponent("report.md")), as: UTF8.self)
        let html = String(decoding: try LabFileSystem.read(out.appendingPathComponent("report.html")), as: UTF8.self)

        XCTAssertTrue(markdown.hasPrefix("# Daily probe\n"), markdown)
        XCTAssertTrue(markdown.contains("Merged from 3 probe results files"), markdown)
        for file in [old] + shards { XCTAssertTrue(markdown.contains("`\(file.path)`"), "\(file.path) not named:\n\(markdown)") }
        XCTAssertTrue(markdown.contains("**2 entries**: 1 fail · 0 stronger · 0 unreachable · 1 pass · 0 unprobeable"), markdown)
        XCTAssertTrue(markdown.contains("## Failing entries (1)\n\n### ❌ `bad.test` (\(lab.url("provider.policy").path):2)"), markdown)
        XCTAssertTrue(markdown.contains("num=62:hostname mismatch | `certificate-host-mismatch` |"), markdown)
        XCTAssertTrue(markdown.contains("```\nbad.test secure match=.provider.test\n```"), markdown)
        XCTAssertTrue(markdown.contains("last verified 2026-11-01T03:00:00Z"), "bad.test last passed last week:\n\(markdown)")
        XCTAssertTrue(markdown.contains("| provider | `\(lab.url("provider.policy").path)` | 2 | 1 | 0 | 0 | 1 | 0 | 2026-11-01T03:00:00Z |"), markdown)

        XCTAssertTrue(html.contains("<code>bad.test</code>"), html)
        XCTAssertTrue(html.contains("<pre class=\"suggested\">bad.test secure match=.provider.test</pre>"), html)
        XCTAssertTrue(html.contains("last verified <strong>2026-11-01T03:00:00Z</strong>"), html)
    }

    func testUnreadableOrInvalidInputExitsTwoNamingTheFile() throws {
        let lab = try Lab()
        defer { lab.stop() }
        let good = try lab.probe("good.test secure match=.provider.test\n", into: "good.json")
        let notJSON = lab.url("not.json")
        try LabFileSystem.write("good.test secure\n", to: notJSON)
        let lint = lab.url("lint.json")
        try LabFileSystem.write("{\"version\": 1, \"diagnostics\": []}\n", to: lint)
        let missing = lab.url("missing.json")

        for (bad, reason) in [(missing, "cannot read"), (notJSON, "not a probe results file"), (lint, "not a probe results file (probe --format json): missing field 'entries'")] {
            let out = lab.url("out-\(bad.lastPathComponent)")
            let result = try lab.validator(["report", good.path, bad.path, "-o", out.path])
            XCTAssertEqual(result.exitStatus, 2, result.stderrText)
            XCTAssertTrue(result.stderrText.contains("tls-policy-validator report: \(bad.path): \(reason)"), result.stderrText)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.md").path))
        }
        let usage = try lab.validator(["report", good.path])
        XCTAssertEqual(usage.exitStatus, 2, "no -o is a usage error: \(usage.stderrText)")
    }
}
