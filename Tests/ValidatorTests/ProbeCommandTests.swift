import ExternalCommand
import Foundation
import TLSPolicyLab
import XCTest

/// `tls-policy-validator probe`, run as the built binary inside a lab namespace: exit
/// statuses, every output format, selection by domain, shard and Git ref.
final class ProbeCommandTests: XCTestCase {
    private func makeLab(mailProvider: Bool = true) throws -> ValidatorProbeLab {
        if let reason = LabEnvironment.unavailableReason { throw XCTSkip("lab unavailable: \(reason)") }
        return try ValidatorProbeLab(mailProvider: mailProvider)
    }

    private let table = "good.test secure match=.provider.test\nbad.test secure\n"

    func testJSONReportAndExitStatusFollowTheVerdicts() throws {
        let lab = try makeLab()
        defer { lab.stop() }
        let file = try lab.write("lab.policy", table)
        let result = try lab.validator(lab.probeArguments + ["--format", "json", file.path])
        XCTAssertEqual(result.exitStatus, 1, result.stderrText)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any])
        XCTAssertEqual(document["version"] as? Int, 1)
        let summary = try XCTUnwrap(document["summary"] as? [String: Int])
        XCTAssertEqual(summary["pass"], 1)
        XCTAssertEqual(summary["fail"], 1)
        XCTAssertEqual(summary["entries"], 2)
        let entries = try XCTUnwrap(document["entries"] as? [[String: Any]])
        XCTAssertEqual(entries.map { $0["key"] as? String }, ["good.test", "bad.test"])
        let bad = entries[1]
        XCTAssertEqual(bad["verdict"] as? String, "fail")
        XCTAssertEqual(bad["line"] as? Int, 2)
        let failures = try XCTUnwrap(bad["failures"] as? [[String: Any]])
        XCTAssertEqual(failures.first?["resultType"] as? String, "certificate-host-mismatch")
        let suggestion = try XCTUnwrap(bad["suggestion"] as? [String: Any])
        XCTAssertEqual(suggestion["line"] as? String, "bad.test secure match=.provider.test")
        let hosts = try XCTUnwrap(entries[0]["mxHosts"] as? [[String: Any]])
        let address = try XCTUnwrap((hosts.first?["addresses"] as? [[String: Any]])?.first)
        XCTAssertEqual(address["address"] as? String, "127.0.0.2")
        XCTAssertEqual(address["starttlsOffered"] as? Bool, true)
        XCTAssertNotNil(address["tlsVersion"] as? String)
        XCTAssertEqual(address["chainResult"] as? String, "ok")
        XCTAssertEqual(address["certificateNames"] as? [String], ["mx1.provider.test"])
        XCTAssertEqual((address["certificateSHA256"] as? String)?.count, 95)

        // Only the passing entry: exit 0.
        let good = try lab.validator(lab.probeArguments + ["--domain", "good.test", file.path])
        XCTAssertEqual(good.exitStatus, 0, good.stdoutText + good.stderrText)
        XCTAssertTrue(good.stdoutText.contains("PASS"), good.stdoutText)
        XCTAssertFalse(good.stdoutText.contains("bad.test"), good.stdoutText)
    }

    func testGitHubAnnotationsStepSummaryAndMarkdown() throws {
        let lab = try makeLab()
        defer { lab.stop() }
        let file = try lab.write("lab.policy", table)
        let summaryFile = lab.namespace.directory.appendingPathComponent("step-summary.md")
        let github = try lab.validator(lab.probeArguments + ["--format", "github", file.path],
                                       environment: ["GITHUB_STEP_SUMMARY": summaryFile.path])
        XCTAssertEqual(github.exitStatus, 1, github.stderrText)
        let lines = github.stdoutText.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.filter { $0.hasPrefix("::") }.count, 1, github.stdoutText)
        XCTAssertTrue(lines[0].hasPrefix("::error file=\(file.path),line=2,title=probe/fail::bad.test: "), lines[0])
        XCTAssertTrue(lines[0].contains("%0Asuggested:%0Abad.test secure match=.provider.test"), lines[0])
        let summary = String(decoding: try LabFileSystem.read(summaryFile), as: UTF8.self)
        XCTAssertTrue(summary.contains("## TLS policy probe"), summary)
        XCTAssertTrue(summary.contains("bad.test secure match=.provider.test"), summary)

        let markdown = try lab.validator(lab.probeArguments + ["--format", "markdown", file.path])
        XCTAssertEqual(markdown.exitStatus, 1)
        XCTAssertTrue(markdown.stdoutText.contains("| ✅ pass | `good.test secure match=.provider.test` |"), markdown.stdoutText)
        XCTAssertTrue(markdown.stdoutText.contains("| ❌ fail | `bad.test secure` |"), markdown.stdoutText)
    }

    func testUsageErrorsExitTwo() throws {
        let lab = try makeLab(mailProvider: false)
        defer { lab.stop() }
        let file = try lab.write("lab.policy", table)
        for arguments in [["--format", "xml", file.path], ["--shard", "0/2", file.path], ["--shard", "3/2", file.path],
                          [lab.namespace.directory.appendingPathComponent("missing.policy").path],
                          ["--resolver", "not-an-address", file.path]] {
            let result = try lab.validator(lab.probeArguments + arguments)
            XCTAssertEqual(result.exitStatus, 2, "\(arguments): \(result.stderrText)")
            XCTAssertTrue(result.stderrText.contains("tls-policy-validator probe:"), result.stderrText)
        }
    }

    func testShardsSplitTheEntriesAndChangedSinceReadsTheGitRef() throws {
        let lab = try makeLab(mailProvider: false)
        defer { lab.stop() }
        let repository = try GitFixtureRepository(directory: lab.namespace.directory.appendingPathComponent("repo"))
        let old = (1...8).map { "d\($0).test encrypt" }.joined(separator: "\n") + "\n"
        try repository.commit(files: ["policy/dataset.cf": "minimum_postfix_version = 3.5\n", "policy/lab.policy": old],
                              message: "dataset")
        // Work tree: d2 changed, d9 added, the rest as committed.
        let now = old.replacingOccurrences(of: "d2.test encrypt", with: "d2.test secure match=.provider.test") + "d9.test encrypt\n"
        try LabFileSystem.write(now, to: repository.directory.appendingPathComponent("policy/lab.policy"))

        func keys(_ arguments: [String]) throws -> [String] {
            // No DNS server answers here: every entry is "unreachable", quickly, and exit status is 0.
            let result = try lab.validator(lab.probeArguments + ["--format", "json"] + arguments, directory: repository.directory)
            XCTAssertEqual(result.exitStatus, 0, result.stderrText)
            let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any])
            return try XCTUnwrap(document["entries"] as? [[String: Any]]).compactMap { $0["key"] as? String }
        }
        XCTAssertEqual(Set(try keys(["--changed-since", "HEAD"])), ["d2.test", "d9.test"])
        let head = try repository.revParse("HEAD")
        XCTAssertEqual(Set(try keys(["--changed-since", head])), ["d2.test", "d9.test"])
        // Any revision git rev-parse reads: a branch (what a pull request's base is), an abbreviated ID.
        try repository.git(["branch", "base"])
        XCTAssertEqual(Set(try keys(["--changed-since", "base"])), ["d2.test", "d9.test"])
        XCTAssertEqual(Set(try keys(["--changed-since", String(head.prefix(12))])), ["d2.test", "d9.test"])
        let unknown = try lab.validator(lab.probeArguments + ["--changed-since", "no-such-branch"], directory: repository.directory)
        XCTAssertEqual(unknown.exitStatus, 2, unknown.stderrText)
        XCTAssertTrue(unknown.stderrText.contains("no-such-branch"), unknown.stderrText)

        let all = Set((1...9).map { "d\($0).test" })
        let first = Set(try keys(["--shard", "1/2"]))
        let second = Set(try keys(["--shard", "2/2"]))
        XCTAssertTrue(first.isDisjoint(with: second))
        XCTAssertEqual(first.union(second), all)
        XCTAssertEqual(Set(try keys(["--shard", "1/2"])), first, "the split is the same on every run")
    }
}
