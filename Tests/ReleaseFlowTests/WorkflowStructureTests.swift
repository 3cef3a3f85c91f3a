import Foundation
import XCTest
import Yams

/// Every workflow parses as YAML and has the parts GitHub requires; each of the three
/// flows (pull request, daily probe, release) has the steps its purpose needs.
final class WorkflowStructureTests: XCTestCase {
    private func invocations(_ workflow: Workflow) throws -> [ProjectCommandInvocation] {
        try workflow.jobs().flatMap { job in job.runScripts.flatMap { ProjectCommandScanner.invocations(in: $0.script) } }
    }

    func testEveryWorkflowParsesAndHasTriggersJobsRunnersAndSteps() throws {
        let workflows = try Workflow.all()
        XCTAssertEqual(Set(workflows.map(\.name)), [
            ".github/workflows/pull-request.yml", ".github/workflows/daily-probe.yml", ".github/workflows/release.yml",
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

    func testPullRequestsLintEverythingWithAnnotationsAndProbeWhatChangedSinceTheBase() throws {
        let workflow = try Workflow.named("pull-request.yml")
        XCTAssertNotNil(workflow.root.value("on")?.mapping?.value("pull_request"))
        let calls = try invocations(workflow)
        let lint = try XCTUnwrap(calls.first { $0.program == "tls-policy-validator" && $0.subcommand == "lint" })
        XCTAssertTrue(lint.options.contains("--format"))
        let probe = try XCTUnwrap(calls.first { $0.program == "tls-policy-validator" && $0.subcommand == "probe" })
        XCTAssertTrue(probe.options.contains("--changed-since"))
        let text = try String(contentsOf: RepositoryRoot.url.appendingPathComponent(".github/workflows/pull-request.yml"), encoding: .utf8)
        XCTAssertTrue(text.contains("lint --rules dataset --format github"), "lint must annotate (github format)")
        XCTAssertTrue(text.contains("--changed-since \"$BASE_SHA\" --format github"), "probe must annotate against the base")
        XCTAssertTrue(text.contains("github.event.pull_request.base.sha"))
        // The base commit must be in the clone for --changed-since to read it.
        let checkout = try XCTUnwrap(try workflow.jobs().first?.steps.first { $0.value("uses")?.scalar?.string.hasPrefix("actions/checkout") == true })
        XCTAssertEqual(checkout.value("with")?.mapping?.value("fetch-depth")?.int, 0)
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
