import ExternalCommand
import Foundation
import TLSPolicyLab
import XCTest

/// `probe --revision REV`, as the pull-request workflow runs it on the probe runner: the base
/// commit checked out (its work tree may hold anything), the pull request's head fetched as
/// objects only, and its `policy/` read from the object database.
final class ProbeRevisionTests: XCTestCase {
    private let manifest = "minimum_postfix_version = 3.5\n"

    func testRevisionIsProbedFromTheObjectDatabaseNotTheWorkTree() throws {
        if let reason = LabEnvironment.unavailableReason { throw XCTSkip("lab unavailable: \(reason)") }
        let lab = try ValidatorProbeLab()
        defer { lab.stop() }
        let repository = try GitFixtureRepository(directory: lab.url("repo"))
        let base = try repository.commit(files: ["policy/dataset.cf": manifest,
                                                 "policy/lab.policy": "good.test secure match=.provider.test\n"],
                                         message: "base")
        // The pull request: bad.test added (it fails), and an entry Postfix rejects.
        try repository.git(["checkout", "--quiet", "-b", "contributor"])
        let head = try repository.commit(
            files: ["policy/lab.policy": "good.test secure match=.provider.test\nbad.test secure\ninvalid.test nonsense-level\n"],
            message: "pull request")
        // As on the runner: the head only as a remote-tracking ref, the base checked out, and
        // a work tree that says something else (a different good.test line, a broken entry).
        try repository.git(["update-ref", "refs/remotes/pr/head", head])
        try repository.git(["checkout", "--quiet", base])
        try repository.git(["branch", "--quiet", "-D", "contributor"])
        try LabFileSystem.write("good.test secure\nworktree.test nonsense-level\n",
                                to: repository.directory.appendingPathComponent("policy/lab.policy"))

        func probe(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
            try lab.validator(lab.probeArguments + arguments, environment: environment, directory: repository.directory)
        }
        func entries(_ result: CommandResult) throws -> [[String: Any]] {
            let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any])
            return try XCTUnwrap(document["entries"] as? [[String: Any]])
        }

        // The whole revision: its two valid entries, where they are written in it.
        let all = try probe(["--revision", head, "--format", "json"])
        XCTAssertEqual(all.exitStatus, 1, all.stderrText)
        let allEntries = try entries(all)
        XCTAssertEqual(allEntries.map { $0["key"] as? String }, ["good.test", "bad.test"])
        XCTAssertEqual(allEntries.map { $0["verdict"] as? String }, ["pass", "fail"])
        XCTAssertEqual(allEntries.map { $0["file"] as? String }, ["\(head):policy/lab.policy", "\(head):policy/lab.policy"])
        XCTAssertEqual(allEntries.map { $0["line"] as? Int }, [1, 2])
        XCTAssertTrue(all.stderrText.contains("\(head):policy/lab.policy:3: invalid.test: not probed"), all.stderrText)
        XCTAssertFalse(all.stderrText.contains("worktree.test"), all.stderrText)

        // The workflow's command: only what the pull request changed, annotated at the repository path.
        let summaryFile = lab.url("step-summary.md")
        let github = try probe(["--revision", head, "--changed-since", base, "--format", "github"],
                               environment: ["GITHUB_STEP_SUMMARY": summaryFile.path])
        XCTAssertEqual(github.exitStatus, 1, github.stderrText)
        let annotations = github.stdoutText.split(separator: "\n").filter { $0.hasPrefix("::") }
        XCTAssertEqual(annotations.count, 1, github.stdoutText)
        XCTAssertTrue(annotations.first?.hasPrefix("::error file=policy/lab.policy,line=2,title=probe/fail::bad.test: ") == true,
                      github.stdoutText)
        XCTAssertTrue(github.stdoutText.contains("1 entries: 0 pass, 1 fail"), github.stdoutText)
        let summary = String(decoding: try LabFileSystem.read(summaryFile), as: UTF8.self)
        XCTAssertTrue(summary.contains("\(head):policy/lab.policy:2"), summary)

        // A ref name works as well as an ID; a single file of the tree can be named.
        let changed = try probe(["--revision", "pr/head", "--changed-since", base, "--format", "json", "policy/lab.policy"])
        XCTAssertEqual(try entries(changed).map { $0["key"] as? String }, ["bad.test"])
        XCTAssertEqual(try entries(changed).first?["file"] as? String, "pr/head:policy/lab.policy")

        // Nothing changed between a revision and itself.
        let same = try probe(["--revision", base, "--changed-since", base, "--format", "json"])
        XCTAssertEqual(same.exitStatus, 0, same.stderrText)
        XCTAssertEqual(try entries(same).count, 0)

        let unknown = try probe(["--revision", "no-such-revision"])
        XCTAssertEqual(unknown.exitStatus, 2, unknown.stderrText)
        XCTAssertTrue(unknown.stderrText.contains("--revision no-such-revision: not a revision of this repository"), unknown.stderrText)
        let missing = try probe(["--revision", head, "policy/missing.policy"])
        XCTAssertEqual(missing.exitStatus, 2, missing.stderrText)
        XCTAssertTrue(missing.stderrText.contains("--revision \(head): policy/missing.policy: no such file or directory"),
                      missing.stderrText)
    }
}
