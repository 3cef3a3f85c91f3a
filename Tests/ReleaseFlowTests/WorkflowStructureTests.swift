import Foundation
import TLSPolicyLab
import XCTest
import Yams

/// Every workflow parses as YAML and has the parts GitHub requires; each of the four
/// flows (pull request, its live probe, daily probe, release) has the steps its purpose
/// needs. What makes them safe in public is WorkflowTrustTests'.
final class WorkflowStructureTests: XCTestCase {
    private func invocations(_ workflow: Workflow) throws -> [ProjectCommandInvocation] {
        try workflow.jobs().flatMap { job in job.runScripts.flatMap { ProjectCommandScanner.invocations(in: $0.script) } }
    }

    func testEveryWorkflowParsesAndHasTriggersJobsRunnersAndSteps() throws {
        let workflows = try Workflow.all()
        XCTAssertEqual(Set(workflows.map(\.name)), [
            ".github/workflows/pull-request.yml", ".github/workflows/pull-request-probe.yml",
            ".github/workflows/daily-probe.yml", ".github/workflows/release.yml",
        ])
        for workflow in workflows {
            let trigger = try XCTUnwrap(workflow.root.value("on"), "\(workflow.name): no `on`")
            XCTAssertFalse(trigger.mapping?.isEmpty ?? true, "\(workflow.name): `on` names no event")
            let jobs = try workflow.jobs()
            let ids = Set(jobs.map(\.id))
            for job in jobs {
                let place = "\(workflow.name): job \(job.id)"
                let runsOn = try XCTUnwrap(job.mapping.value("runs-on"), "\(place): no runs-on")
                XCTAssertFalse((runsOn.scalar?.string ?? "").isEmpty, "\(place): runs-on is empty")
                XCTAssertNotNil(job.mapping.value("timeout-minutes")?.int, "\(place): no timeout-minutes (every job is bounded)")
                XCTAssertFalse(job.steps.isEmpty, "\(place): no steps")
                for (index, step) in job.steps.enumerated() {
                    let kinds = [step.value("run"), step.value("uses")].compactMap { $0 }
                    XCTAssertEqual(kinds.count, 1, "\(place), step \(index + 1): needs exactly one of run/uses")
                    if let uses = step.value("uses")?.scalar?.string {
                        XCTAssertTrue(uses.contains("@"), "\(place), step \(index + 1): action \(uses) is not pinned to a version")
                    }
                }
                for need in job.mapping.value("needs")?.sequence?.compactMap({ $0.scalar?.string })
                    ?? job.mapping.value("needs")?.scalar.map({ [$0.string] }) ?? [] {
                    XCTAssertTrue(ids.contains(need), "\(place): needs unknown job \(need)")
                }
            }
        }
    }

    func testPullRequestsBuildLintWithAnnotationsAndRunTheSuiteWhenCodeChanges() throws {
        let workflow = try Workflow.named("pull-request.yml")
        XCTAssertEqual(workflow.triggers, ["pull_request"])
        let jobs = try workflow.jobs()
        XCTAssertEqual(jobs.map(\.id), ["check"])
        let check = jobs[0]
        XCTAssertEqual(check.runsOn, "ubuntu-latest")
        // The lab needs namespaces: a privileged container (the comment in the file says why).
        XCTAssertEqual(check.mapping.value("container")?.mapping?.value("options")?.scalar?.string, "--privileged")
        let calls = check.runScripts.flatMap { ProjectCommandScanner.invocations(in: $0.script) }
        XCTAssertEqual(calls.map(\.program), ["scripts/setup", "tls-policy-validator", "scripts/test"])
        XCTAssertTrue(check.runScripts.contains { $0.script.contains("lint --rules dataset --format github policy/") },
                      "lint must annotate (github format)")
        XCTAssertFalse(calls.contains { $0.subcommand == "probe" }, "no live probe here: pull-request-probe.yml does it")
        // The suite runs when something outside policy/ changed, decided from the merge commit's diff.
        let decide = try XCTUnwrap(check.steps.first { $0.value("id")?.scalar?.string == "changes" })
        let script = try XCTUnwrap(decide.value("run")?.scalar?.string)
        XCTAssertTrue(script.contains("git diff --name-only HEAD^1 HEAD"), script)
        XCTAssertTrue(script.contains("'^policy/'"), script)
        let suite = try XCTUnwrap(check.steps.first { ($0.value("run")?.scalar?.string ?? "").contains("./scripts/test") })
        XCTAssertEqual(suite.value("if")?.scalar?.string, "${{ steps.changes.outputs.code == 'true' }}")
        let checkout = try XCTUnwrap(check.actionSteps.first { $0.uses.hasPrefix("actions/checkout@") })
        XCTAssertEqual(checkout.with?.value("fetch-depth")?.int, 2, "the merge commit and its base")
    }

    /// The workflow's own step, run in a real repository whose HEAD is the merge commit
    /// of a pull request (as actions/checkout leaves it): only policy/ changes skip the suite.
    func testTheCodeChangeStepSkipsTheSuiteOnlyForDatasetOnlyChanges() throws {
        let check = try XCTUnwrap(try Workflow.named("pull-request.yml").jobs().first)
        let decide = try XCTUnwrap(check.steps.first { $0.value("id")?.scalar?.string == "changes" }?.value("run")?.scalar?.string)
        let scratch = try LabFileSystem.makeTemporaryDirectory(prefix: "pr-changes")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var cases = 0
        func decision(_ changed: [String]) throws -> String {
            cases += 1
            let repository = try GitFixtureRepository(directory: scratch.appendingPathComponent("case\(cases)"))
            try repository.commit(files: ["policy/gmx.net.policy": "gmx.net secure\n", "scripts/setup": "true\n", "README.md": "x\n"],
                                  message: "base")
            try repository.git(["checkout", "--quiet", "-b", "pull-request"])
            try repository.commit(files: Dictionary(uniqueKeysWithValues: changed.map { ($0, "changed \($0)\n") }), message: "change")
            try repository.git(["checkout", "--quiet", "main"])
            try repository.git(["merge", "--quiet", "--no-ff", "-m", "merge", "pull-request"])
            let output = scratch.appendingPathComponent("output\(cases)")
            try LabFileSystem.write("", to: output)
            try LabCommandRunner.run(["env", "GITHUB_OUTPUT=\(output.path)", "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
                                      "bash", "-euo", "pipefail", "-c", decide],
                                     timeout: 30, directory: repository.directory).checked()
            return String(decoding: try LabFileSystem.read(output), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        XCTAssertEqual(try decision(["policy/gmx.net.policy"]), "code=false")
        XCTAssertEqual(try decision(["policy/gmx.net.policy", "policy/web.de.policy"]), "code=false")
        XCTAssertEqual(try decision(["policy/gmx.net.policy", "Sources/Validator/ProbeCommand.swift"]), "code=true")
        XCTAssertEqual(try decision(["scripts/setup"]), "code=true")
        XCTAssertEqual(try decision([".github/workflows/pull-request.yml"]), "code=true")
    }

    func testPullRequestProbesRunTheBaseCodeAndReportAsACheckRun() throws {
        let workflow = try Workflow.named("pull-request-probe.yml")
        XCTAssertEqual(workflow.triggers, ["pull_request_target"])
        let paths = workflow.root.value("on")?.mapping?.value("pull_request_target")?.mapping?.value("paths")?.sequence?.compactMap { $0.scalar?.string }
        XCTAssertEqual(paths, ["policy/**"], "only a pull request that changes the dataset is probed")
        let jobs = try workflow.jobs()
        let probe = try XCTUnwrap(jobs.first { $0.id == "probe" })
        let report = try XCTUnwrap(jobs.first { $0.id == "check-run" })
        XCTAssertEqual(report.needs, ["probe"])
        XCTAssertEqual(report.runsOn, "ubuntu-latest", "the write token never reaches the probe runner")
        XCTAssertTrue(probe.runScripts.contains { $0.script.contains("cp \"$GITHUB_STEP_SUMMARY\" results/summary.md") })
        XCTAssertTrue(probe.actionSteps.contains { $0.uses.hasPrefix("actions/upload-artifact@") && $0.with?.value("name")?.scalar?.string == "pull-request-probe" })
        XCTAssertTrue(report.actionSteps.contains { $0.uses.hasPrefix("actions/download-artifact@") && $0.with?.value("name")?.scalar?.string == "pull-request-probe" })
        let script = try XCTUnwrap(report.actionSteps.first { $0.uses.hasPrefix("actions/github-script@") }?.with?.value("script")?.scalar?.string)
        XCTAssertTrue(script.contains(".github/scripts/probe-check-run.js"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: RepositoryRoot.url.appendingPathComponent(".github/scripts/probe-check-run.js").path))
        // The reporting script comes from the base commit too.
        let checkout = try XCTUnwrap(report.actionSteps.first { $0.uses.hasPrefix("actions/checkout@") })
        XCTAssertEqual(checkout.with?.value("ref")?.scalar?.string, "${{ github.event.pull_request.base.sha }}")
    }

    func testDailyProbeMergesShardsIntoOneReportArtifactAndKeepsOneIssue() throws {
        let workflow = try Workflow.named("daily-probe.yml")
        let cron = try XCTUnwrap(workflow.root.value("on")?.mapping?.value("schedule")?.sequence?.first?.mapping?.value("cron")?.scalar?.string)
        XCTAssertEqual(cron.split(separator: " ").count, 5, "cron has five fields: \(cron)")
        let calls = try invocations(workflow)
        XCTAssertTrue(calls.contains { $0.subcommand == "probe" && $0.options.contains("--shard") && $0.options.contains("--format") })
        XCTAssertTrue(calls.contains { $0.subcommand == "report" && $0.options.contains("-o") })
        let report = try XCTUnwrap(try workflow.jobs().first { $0.id == "report" })
        let uses = report.steps.compactMap { $0.value("uses")?.scalar?.string }
        XCTAssertTrue(uses.contains { $0.hasPrefix("actions/download-artifact") })
        XCTAssertTrue(uses.contains { $0.hasPrefix("actions/upload-artifact") })
        XCTAssertTrue(uses.contains { $0.hasPrefix("actions/github-script") })
        XCTAssertEqual(report.mapping.value("permissions")?.mapping?.value("issues")?.scalar?.string, "write")
        // A run with a failed shard (a runner that cannot reach port 25 fails its shard) is
        // refused before anything is merged or the issue is touched.
        let refusal = try XCTUnwrap(report.steps.firstIndex { $0.value("env")?.mapping?.value("PROBE_RESULT")?.scalar?.string == "${{ needs.probe.result }}" })
        XCTAssertTrue(report.steps[refusal].value("run")?.scalar?.string.contains(#"if [ "$PROBE_RESULT" != success ]; then"#) ?? false)
        let merge = try XCTUnwrap(report.steps.firstIndex { ($0.value("run")?.scalar?.string ?? "").contains("tls-policy-validator report") })
        XCTAssertLessThan(refusal, merge)
        // Each shard asks the report whether its own result is usable (a blind shard's is not).
        let probe = try XCTUnwrap(try workflow.jobs().first { $0.id == "probe" })
        XCTAssertTrue(probe.runScripts.contains { $0.script.contains(#"tls-policy-validator report "results/probe-${{ matrix.shard }}.json""#) })
        let script = try XCTUnwrap(report.steps.first { $0.value("uses")?.scalar?.string.hasPrefix("actions/github-script") == true }?
            .value("with")?.mapping?.value("script")?.scalar?.string)
        XCTAssertTrue(script.contains(".github/scripts/failing-entries-issue.js"))
        XCTAssertTrue(FileManager.default.fileExists(
            atPath: RepositoryRoot.url.appendingPathComponent(".github/scripts/failing-entries-issue.js").path))
    }

    func testReleaseTagsAreVerifiedByTheAgentProbedAndPublishedWithBothVariantsAndSums() throws {
        let workflow = try Workflow.named("release.yml")
        let tags = try XCTUnwrap(workflow.root.value("on")?.mapping?.value("push")?.mapping?.value("tags")?.sequence)
        XCTAssertFalse(tags.isEmpty)
        let calls = try invocations(workflow)
        XCTAssertTrue(calls.contains { $0.program == "tls-policy-agent" && $0.subcommand == "verify" })
        let renders = calls.filter { $0.subcommand == "render" }
        XCTAssertTrue(renders.contains { $0.options.contains("--dane") }, "the dane-only variant")
        XCTAssertTrue(renders.contains { !$0.options.contains("--dane") }, "the PKIX variant")
        let jobs = try workflow.jobs()
        let build = try XCTUnwrap(jobs.first { $0.id == "build" })
        let needs = Set(build.mapping.value("needs")?.sequence?.compactMap { $0.scalar?.string } ?? [])
        XCTAssertEqual(needs, ["verify", "probe"], "nothing is rendered or published before the tag is verified and the probe passes")
        XCTAssertTrue(build.runScripts.contains { $0.script.contains("sha256sum tls_policy tls_policy-dane") })
        let publish = try XCTUnwrap(jobs.first { $0.id == "publish" })
        XCTAssertEqual(publish.mapping.value("permissions")?.mapping?.value("contents")?.scalar?.string, "write")
        XCTAssertTrue(publish.runScripts.contains { $0.script.contains("gh release create") })
    }
}
