import Foundation
import XCTest
import Yams

/// The workflows are safe on a public repository: pull-request code never runs on the
/// probe runner, every action is pinned to a commit, every job holds only the token
/// scopes it needs, and a release is verified by code the tag did not bring. Each rule
/// (``WorkflowTrustRules``) is checked on the real workflows and shown to reject a
/// broken one.
final class WorkflowTrustTests: XCTestCase {
    // MARK: The probe runner runs no pull-request code

    func testNoJobOnTheProbeRunnerChecksOutOrBuildsPullRequestCode() throws {
        let workflows = try Workflow.all()
        var problems: [String] = []
        for workflow in workflows { problems += try WorkflowTrustRules.probeRunnerProblems(workflow) }
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))

        // The rule looked at real jobs: the daily probe, the release probe, the pull-request probe.
        let probeJobs = try workflows.flatMap { workflow in try workflow.jobs().filter(\.runsOnProbeRunner).map { (workflow, $0) } }
        XCTAssertEqual(Set(probeJobs.map(\.0.name)), [
            ".github/workflows/daily-probe.yml", ".github/workflows/release.yml", ".github/workflows/pull-request-probe.yml",
        ])
        // The pull-request probe: pull_request_target only, base checkout, the head as objects, probed by revision.
        let prProbe = try Workflow.named("pull-request-probe.yml")
        XCTAssertEqual(prProbe.triggers, ["pull_request_target"])
        let job = try XCTUnwrap(try prProbe.jobs().first(where: \.runsOnProbeRunner))
        let checkouts = job.actionSteps.filter { $0.uses.hasPrefix("actions/checkout@") }
        XCTAssertEqual(checkouts.count, 1, "one checkout: the base commit")
        XCTAssertEqual(checkouts.first?.with?.value("ref")?.scalar?.string, "${{ github.event.pull_request.base.sha }}")
        let scripts = job.runScripts.map(\.script).joined(separator: "\n")
        XCTAssertTrue(scripts.contains(#"git fetch --no-tags origin "+refs/pull/$PR_NUMBER/head:refs/remotes/pr/head""#), scripts)
        let probe = try XCTUnwrap(job.runScripts.flatMap { ProjectCommandScanner.invocations(in: $0.script) }.first { $0.subcommand == "probe" })
        XCTAssertEqual(Set(probe.options), ["--revision", "--changed-since", "--format"])
        XCTAssertTrue(scripts.contains(#"probe --revision "$HEAD_SHA" --changed-since "$since" --format github"#), scripts)
        // The probe runner's job builds with the base's own scripts only (no test packages).
        let programs = Set(job.runScripts.flatMap { ProjectCommandScanner.invocations(in: $0.script) }.map(\.program))
        XCTAssertEqual(programs, ["scripts/setup", "tls-policy-validator"])
    }

    func testTheProbeRunnerRuleRejectsPullRequestCodeOnTheProbeRunner() throws {
        // The flow this project had: pull_request, on the probe runner, building the pull request's checkout.
        let unsafe = try Workflow(text: """
            on:
              pull_request:
            jobs:
              check:
                runs-on: ${{ vars.PROBE_RUNNER || 'ubuntu-latest' }}
                steps:
                  - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
                  - run: ./scripts/setup
            """, name: "unsafe.yml")
        let problems = try WorkflowTrustRules.probeRunnerProblems(unsafe)
        XCTAssertTrue(problems.contains { $0.contains("runs on the probe runner in a workflow started by [\"pull_request\"]") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("not a GitHub-hosted label") }, "\(problems)")

        // pull_request_target that checks out the head, checks out a fetched ref, or fetches into a branch.
        let target = try Workflow(text: """
            on: pull_request_target
            jobs:
              probe:
                runs-on: ${{ vars.PROBE_RUNNER }}
                steps:
                  - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
                    with:
                      ref: ${{ github.event.pull_request.head.sha }}
                  - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
                  - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
                    with:
                      ref: ${{ github.event.pull_request.base.sha }}
                      allow-unsafe-pr-checkout: true
                  - uses: ./.github/actions/probe
                  - run: |
                      git fetch origin "refs/pull/$N/head:refs/heads/pr"
                      git -C . checkout pr
            """, name: "target.yml")
        let found = try WorkflowTrustRules.probeRunnerProblems(target)
        XCTAssertTrue(found.contains { $0.contains("checks out `${{ github.event.pull_request.head.sha }}`") }, "\(found)")
        XCTAssertTrue(found.contains { $0.contains("must name the base commit (ref: none)") }, "\(found)")
        XCTAssertTrue(found.contains { $0.contains("uses the local action ./.github/actions/probe") }, "\(found)")
        XCTAssertTrue(found.contains { $0.contains("`git checkout` would put a commit into the work tree") }, "\(found)")
        XCTAssertTrue(found.contains { $0.contains("fetches a pull request into refs/heads/pr") }, "\(found)")
        XCTAssertTrue(found.contains { $0.contains("a checkout sets allow-unsafe-pr-checkout") }, "\(found)")

        // A pull_request job on a GitHub-hosted runner is fine.
        let hosted = try Workflow(text: """
            on: [pull_request]
            jobs:
              check:
                runs-on: ubuntu-latest
                steps:
                  - run: ./scripts/test
            """, name: "hosted.yml")
        XCTAssertEqual(try WorkflowTrustRules.probeRunnerProblems(hosted), [])
    }

    // MARK: Actions pinned by commit

    func testEveryActionIsPinnedToAFullCommitSHAWithItsReleaseInAComment() throws {
        let workflows = try Workflow.all()
        let problems = try WorkflowTrustRules.pinningProblems(workflows)
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
        let uses = try workflows.flatMap { try $0.jobs().flatMap { $0.actionSteps.map(\.uses) } }
        XCTAssertGreaterThanOrEqual(uses.count, 10, "the rule saw the workflows' actions")
        // One commit per action across the workflows: Dependabot moves them together.
        var commits: [String: Set<String>] = [:]
        for use in uses {
            let parts = use.split(separator: "@", maxSplits: 1).map(String.init)
            commits[parts[0], default: []].insert(parts[1])
        }
        for (action, pins) in commits { XCTAssertEqual(pins.count, 1, "\(action) is pinned to several commits: \(pins.sorted())") }
    }

    func testThePinningRuleRejectsTagsShortSHAsAndMissingVersionComments() throws {
        let workflow = try Workflow(text: """
            on: push
            jobs:
              a:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/upload-artifact@bbbca2d # v7.0.0
                  - uses: actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c
                  - uses: actions/github-script@ed597411d8f924073f98dfc5c65a23a2325f34cd # v8
            """, name: "tags.yml")
        let problems = try WorkflowTrustRules.pinningProblems([workflow])
        XCTAssertTrue(problems.contains { $0.contains("`actions/checkout@v4` is not owner/repo@<full 40-hex commit SHA>") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("`actions/upload-artifact@bbbca2d` is not") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c` has no `# vX.Y.Z` comment") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("github-script@ed597411d8f924073f98dfc5c65a23a2325f34cd # v8` has no") }, "\(problems)")
        XCTAssertEqual(problems.count, 5, "\(problems)")
    }

    func testDependabotKeepsTheActionsCurrentEveryWeek() throws {
        let url = RepositoryRoot.url.appendingPathComponent(".github/dependabot.yml")
        let root = try XCTUnwrap(try Yams.compose(yaml: String(contentsOf: url, encoding: .utf8))?.mapping)
        XCTAssertEqual(root.value("version")?.int, 2)
        let updates = try XCTUnwrap(root.value("updates")?.sequence?.compactMap(\.mapping))
        let actions = try XCTUnwrap(updates.first { $0.value("package-ecosystem")?.scalar?.string == "github-actions" })
        XCTAssertEqual(actions.value("directory")?.scalar?.string, "/")
        XCTAssertEqual(actions.value("schedule")?.mapping?.value("interval")?.scalar?.string, "weekly")
    }

    // MARK: Least privilege

    func testEveryJobStatesItsPermissionsAndWritesOnlyWhatItNeeds() throws {
        let workflows = try Workflow.all()
        var problems: [String] = []
        for workflow in workflows { problems += try WorkflowTrustRules.permissionProblems(workflow) }
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
        // Each write the table grants is one the job uses (no stale grant in the rule).
        for (place, scopes) in WorkflowTrustRules.allowedWrites {
            let parts = place.split(separator: " ").map(String.init)
            let workflow = try XCTUnwrap(workflows.first { $0.name == parts[0] }, place)
            let job = try XCTUnwrap(try workflow.jobs().first { $0.id == parts[1] }, place)
            let writes = Set(job.mapping.value("permissions")?.mapping?.compactMap { key, value in
                value.scalar?.string == "write" ? key.scalar?.string : nil } ?? [])
            XCTAssertEqual(writes, scopes, place)
        }
    }

    func testThePermissionRuleRejectsMissingDefaultAndExcessWrites() throws {
        let workflow = try Workflow(text: """
            on: push
            permissions: write-all
            jobs:
              build:
                runs-on: ubuntu-latest
                steps: [{run: "true"}]
              publish:
                runs-on: ubuntu-latest
                permissions:
                  contents: write
                  pull-requests: write
                steps: [{run: "true"}]
              probe:
                runs-on: ${{ vars.PROBE_RUNNER }}
                permissions:
                  issues: write
                steps: [{run: "true"}]
            """, name: ".github/workflows/release.yml")
        let problems = try WorkflowTrustRules.permissionProblems(workflow)
        XCTAssertTrue(problems.contains { $0.contains("top-level permissions `write-all` is not a mapping") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("release.yml build: no permissions mapping") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("release.yml publish: writes [\"pull-requests\"] beyond") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("release.yml probe: runs on the probe runner with write access [\"issues\"]") }, "\(problems)")
        XCTAssertFalse(problems.contains { $0.contains("publish: writes [\"contents\"") }, "the publish job may write contents")
    }

    func testEveryWorkflowKeepsAConcurrencyGroup() throws {
        for workflow in try Workflow.all() {
            let group = workflow.root.value("concurrency")?.mapping?.value("group")?.scalar?.string ?? ""
            XCTAssertFalse(group.isEmpty, "\(workflow.name): no concurrency group")
        }
        let pullRequest = try Workflow.named("pull-request.yml")
        XCTAssertTrue(pullRequest.root.value("concurrency")?.mapping?.value("group")?.scalar?.string.contains("pull_request.number") ?? false)
    }

    // MARK: Releases verified by code the tag did not bring

    func testTheReleaseVerifierIsBuiltFromTheDefaultBranchNotTheTag() throws {
        let workflow = try Workflow.named("release.yml")
        let problems = try WorkflowTrustRules.releaseVerifierProblems(workflow)
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
        // Nothing from the tag runs on the probe runner before the signature is verified.
        let probe = try XCTUnwrap(try workflow.jobs().first { $0.id == "probe" })
        XCTAssertTrue(probe.runsOnProbeRunner)
        XCTAssertEqual(probe.needs, ["verify"])
    }

    func testTheVerifierRuleRejectsAVerifierBuiltFromTheTag() throws {
        // The flow this project had: the tag's own checkout built and verifying itself.
        let selfVouching = try Workflow(text: """
            on: {push: {tags: ["v*"]}}
            jobs:
              verify:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
                  - run: ./scripts/setup
                  - run: |
                      echo "repository_url = file://$GITHUB_WORKSPACE" > agent.cf
                      tls-policy-agent verify "$GITHUB_REF_NAME" --config agent.cf
            """, name: "release.yml")
        let problems = try WorkflowTrustRules.releaseVerifierProblems(selfVouching)
        XCTAssertTrue(problems.contains { $0.contains("not run from a checkout directory of its own") }, "\(problems)")

        // A separate directory, but checked out at the tag and built elsewhere.
        let tagDirectory = try Workflow(text: """
            on: {push: {tags: ["v*"]}}
            jobs:
              verify:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
                    with: {path: verifier, ref: "${{ github.ref }}"}
                  - run: ./scripts/setup
                  - run: |
                      echo "repository_url = file://$GITHUB_WORKSPACE/verifier" > agent.cf
                      "$GITHUB_WORKSPACE/verifier/.build/release/tls-policy-agent" verify "$GITHUB_REF_NAME" --config agent.cf
            """, name: "release.yml")
        let found = try WorkflowTrustRules.releaseVerifierProblems(tagDirectory)
        XCTAssertTrue(found.contains { $0.contains("has ref `${{ github.ref }}`, not the default branch") }, "\(found)")
        XCTAssertTrue(found.contains { $0.contains("a build step runs outside verifier/") }, "\(found)")
        XCTAssertTrue(found.contains { $0.contains("the verified repository is the verifier's own checkout (verifier)") }, "\(found)")
    }
}
