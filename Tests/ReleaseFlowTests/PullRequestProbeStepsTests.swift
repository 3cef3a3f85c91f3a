import Foundation
import TLSPolicyLab
import XCTest

/// The probe runner's steps of `pull-request-probe.yml`, run as written (their `run:`
/// scripts, read from the workflow) on a lab repository: a base checkout, a pull request
/// whose head changes the dataset and its own scripts. The head arrives as objects only,
/// the work tree stays the base's, and only the entries the pull request adds or changes
/// are probed, from the head's tree, with the annotations and summary the check run reads.
///
/// The probe resolves the entries' MX hosts with the system's resolver: the test runs only
/// where the network namespace has no interface but loopback (scripts/test runs the suite
/// in one), so no query leaves the machine, and every entry comes back unreachable.
final class PullRequestProbeStepsTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        // /proc/net/dev lists the interfaces of this process's network namespace (/sys/class/net
        // shows those of the namespace sysfs was mounted in).
        let devices = (try? String(contentsOfFile: "/proc/net/dev", encoding: .utf8)) ?? ""
        let interfaces = devices.split(separator: "\n").dropFirst(2).compactMap { line in
            line.split(separator: ":").first.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        guard interfaces == ["lo"] else {
            throw XCTSkip("needs a network namespace with loopback only (scripts/test runs the suite in one); here: \(interfaces.sorted())")
        }
        scratch = try LabFileSystem.makeTemporaryDirectory(prefix: "pr-probe-steps")
    }

    override func tearDownWithError() throws {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    private func stepScript(_ name: String) throws -> String {
        let job = try XCTUnwrap(try Workflow.named("pull-request-probe.yml").jobs().first { $0.id == "probe" })
        return try XCTUnwrap(job.runScripts.first { $0.step == name }?.script, "no step \"\(name)\"")
    }

    func testTheProbeRunnerStepsProbeTheHeadsChangedEntriesWithoutCheckingItOut() throws {
        let dataset = try String(contentsOf: RepositoryRoot.url.appendingPathComponent("policy/dataset.cf"), encoding: .utf8)
        let baseFile = "# Provider: Lab\n# Evidence: lab\n\nkept.example.test secure match=.mx.example.test\n"
        let origin = try GitFixtureRepository(directory: scratch.appendingPathComponent("origin"))
        let base = try origin.commit(files: ["policy/dataset.cf": dataset, "policy/lab.policy": baseFile,
                                             "scripts/setup": "#!/bin/sh\necho base\n"], message: "base")
        try origin.git(["checkout", "--quiet", "-b", "contributor"])
        let headFile = baseFile + "added.example.test encrypt\n"
        let head = try origin.commit(files: ["policy/lab.policy": headFile, "scripts/setup": "#!/bin/sh\necho pull request code ran\n"],
                                     message: "pull request")
        try origin.git(["update-ref", "refs/pull/7/head", head])
        try origin.git(["checkout", "--quiet", "main"])

        // What actions/checkout leaves on the runner: the base commit, with its history.
        let runner = scratch.appendingPathComponent("runner")
        try LabCommandRunner.run(["env", "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
                                  "git", "clone", "--quiet", origin.directory.path, runner.path], timeout: 60).checked()
        let summary = scratch.appendingPathComponent("step-summary.md")
        let validator = try ProductBinary.named("tls-policy-validator").url.deletingLastPathComponent().path
        let environment = ["env", "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "HOME=\(scratch.path)",
                           "PATH=\(validator):/usr/sbin:/usr/bin:/sbin:/bin",
                           "PR_NUMBER=7", "HEAD_SHA=\(head)", "BASE_SHA=\(base)", "GITHUB_STEP_SUMMARY=\(summary.path)"]
        // GitHub runs a step's script as `bash --noprofile --norc -eo pipefail`.
        for step in ["Fetch the pull request's head as objects only (no checkout)", "Probe the entries the pull request adds or changes"] {
            let result = try LabCommandRunner.run(environment + ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", try stepScript(step)],
                                                  timeout: 120, directory: runner)
            XCTAssertTrue(result.succeeded, "\(step): \(result.termination)\n\(result.stdoutText)\n\(result.stderrText)")
        }

        // The work tree is the base's, byte for byte; the head is only a remote-tracking ref.
        func git(_ arguments: [String]) throws -> String {
            try LabCommandRunner.run(["env", "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "git", "-C", runner.path] + arguments,
                                     timeout: 30).checked().stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        XCTAssertEqual(try git(["rev-parse", "HEAD"]), base)
        XCTAssertEqual(try git(["rev-parse", "refs/remotes/pr/head"]), head)
        XCTAssertEqual(try git(["status", "--porcelain"]), "?? results/", "nothing but the results changed in the work tree")
        XCTAssertEqual(try git(["for-each-ref", "--format=%(refname)", "refs/heads"]), "refs/heads/main", "no branch for the pull request")
        XCTAssertEqual(String(decoding: try LabFileSystem.read(runner.appendingPathComponent("policy/lab.policy")), as: UTF8.self), baseFile)
        XCTAssertEqual(String(decoding: try LabFileSystem.read(runner.appendingPathComponent("scripts/setup")), as: UTF8.self),
                       "#!/bin/sh\necho base\n", "the pull request's scripts are not in the work tree")

        // Only the added entry was probed, at its line in the head's file, as the check run reads it.
        let results = runner.appendingPathComponent("results")
        let annotations = String(decoding: try LabFileSystem.read(results.appendingPathComponent("annotations.txt")), as: UTF8.self)
        let commands = annotations.split(separator: "\n").filter { $0.hasPrefix("::") }
        XCTAssertEqual(commands.count, 1, annotations)
        XCTAssertTrue(commands.first?.hasPrefix("::warning file=policy/lab.policy,line=5,title=probe/unreachable::added.example.test") ?? false, annotations)
        XCTAssertFalse(annotations.contains("kept.example.test"), "an unchanged entry was probed: \(annotations)")
        XCTAssertEqual(String(decoding: try LabFileSystem.read(results.appendingPathComponent("status")), as: UTF8.self), "0\n")
        let copiedSummary = String(decoding: try LabFileSystem.read(results.appendingPathComponent("summary.md")), as: UTF8.self)
        XCTAssertTrue(copiedSummary.contains("added.example.test"), copiedSummary)
    }
}
