import Foundation
import Yams

/// The rules that make the workflows safe to run on a public repository, each a function
/// from parsed workflows to the problems found (empty: the rule holds). The tests apply
/// them to the real workflows and to small broken ones, so that each rule is shown able
/// to fail.
enum WorkflowTrustRules {
    /// Events whose workflows run the pull request's own code (and its own workflow file).
    static let pullRequestCodeEvents: Set<String> = ["pull_request", "pull_request_review", "pull_request_review_comment"]
    /// Events that run the base repository's workflow in a trusted context on behalf of a
    /// pull request: the checkouts must name the base, never the pull request's head.
    static let trustedContextEvents: Set<String> = ["pull_request_target", "workflow_run"]

    /// Git commands that would put a commit's files into the work tree (or run its hooks).
    private static let workTreeGitCommands = #"\bgit\s+(?:-[Cc]\s+\S+\s+)*(checkout|switch|worktree|reset|restore|read-tree|checkout-index|archive|merge|pull|rebase|cherry-pick|stash|am|apply|submodule)(?![\w-])"#

    /// No job on the probe runner runs pull-request code: such a job is never in a workflow
    /// that `pull_request` starts; in a `pull_request_target`/`workflow_run` workflow its
    /// checkouts name the base commit or the default branch (never a head, a merge ref or
    /// `refs/pull/`), its scripts never check out or merge a commit, a fetched
    /// `refs/pull/N/head` lands in `refs/remotes/` (objects only), and it uses no local
    /// action (`./…`, which would come from a work tree). Every job of a `pull_request`
    /// workflow runs on a GitHub-hosted label, never on an expression a variable could
    /// point at the probe runner.
    static func probeRunnerProblems(_ workflow: Workflow) throws -> [String] {
        var problems: [String] = []
        let triggers = workflow.triggers
        let runsPullRequestCode = !triggers.isDisjoint(with: pullRequestCodeEvents)
        let trustedContext = !triggers.isDisjoint(with: trustedContextEvents)
        for job in try workflow.jobs() {
            let place = "\(workflow.name): job \(job.id)"
            if runsPullRequestCode {
                if !job.runsOn.hasPrefix("ubuntu-") || job.runsOn.contains("${{") {
                    problems.append("\(place): a pull_request job runs on `\(job.runsOn)`, not a GitHub-hosted label")
                }
            }
            // actions/checkout (v7 on) refuses a fork's head in these workflows unless told to.
            for (uses, with, _) in job.actionSteps where uses.hasPrefix("actions/checkout@") && with?.value("allow-unsafe-pr-checkout") != nil {
                problems.append("\(place): a checkout sets allow-unsafe-pr-checkout")
            }
            guard job.runsOnProbeRunner else { continue }
            if runsPullRequestCode {
                problems.append("\(place): runs on the probe runner in a workflow started by \(triggers.intersection(pullRequestCodeEvents).sorted())")
            }
            for (uses, with, _) in job.actionSteps {
                if uses.hasPrefix("./") {
                    problems.append("\(place): uses the local action \(uses) on the probe runner")
                }
                guard uses.hasPrefix("actions/checkout@") else { continue }
                let ref = with?.value("ref")?.scalar?.string ?? ""
                let repository = with?.value("repository")?.scalar?.string ?? ""
                for value in [ref, repository] where mentionsPullRequestHead(value) {
                    problems.append("\(place): checks out `\(value)`, the pull request's code")
                }
                if trustedContext, !(ref.contains("pull_request.base.sha") || ref.contains("repository.default_branch")) {
                    problems.append("\(place): a checkout in a \(triggers.intersection(trustedContextEvents).sorted()) workflow must name the base commit (ref: \(ref.isEmpty ? "none" : ref))")
                }
            }
            for (step, script) in job.runScripts {
                if trustedContext, let command = firstMatch(workTreeGitCommands, in: script) {
                    problems.append("\(place), step \"\(step)\": `git \(command)` would put a commit into the work tree")
                }
                for destination in allMatches(#"refs/pull/[^:\s"']*:([^\s"']+)"#, in: script)
                    where !destination.trimmingCharacters(in: CharacterSet(charactersIn: "+")).hasPrefix("refs/remotes/") {
                    problems.append("\(place), step \"\(step)\": fetches a pull request into \(destination), not under refs/remotes/")
                }
            }
        }
        return problems
    }

    /// True when a checkout input names the pull request's own commit or repository.
    static func mentionsPullRequestHead(_ value: String) -> Bool {
        ["pull_request.head", "head_ref", "head_sha", "head.sha", "head.ref", "head.repo", "refs/pull/", "merge_commit_sha"]
            .contains { value.contains($0) }
    }

    /// Every `uses:` names `owner/repo[/path]@<40 hex digits>`, its line carries the
    /// release as `# vX.Y.Z`, and an action pinned to one commit carries one version.
    static func pinningProblems(_ workflows: [Workflow]) throws -> [String] {
        var problems: [String] = []
        var versions: [String: Set<String>] = [:]
        for workflow in workflows {
            let problemsBefore = problems.count
            var parsed: [String] = []
            for job in try workflow.jobs() {
                parsed += job.actionSteps.map(\.uses)
                if let reusable = job.mapping.value("uses")?.scalar?.string { parsed.append(reusable) }
            }
            for uses in parsed where firstMatch(#"^([A-Za-z0-9-]+/[A-Za-z0-9._-]+(?:/[A-Za-z0-9._/-]+)?@[0-9a-f]{40})$"#, in: uses) == nil {
                problems.append("\(workflow.name): `\(uses)` is not owner/repo@<full 40-hex commit SHA>")
            }
            var commented: [String] = []
            for line in workflow.text.split(separator: "\n").map(String.init) {
                guard let groups = firstGroups(#"^\s*(?:-\s+)?uses:\s*["']?([^\s"'#]+)["']?\s*(#.*)?$"#, in: line) else { continue }
                let uses = groups[0]
                guard let version = firstMatch(#"^#\s*(v\d+\.\d+\.\d+)\s*$"#, in: groups[1]) else {
                    problems.append("\(workflow.name): `\(line.trimmingCharacters(in: .whitespaces))` has no `# vX.Y.Z` comment naming its release")
                    continue
                }
                commented.append(uses)
                versions[uses, default: []].insert(version)
            }
            if commented.sorted() != parsed.sorted(), problems.count == problemsBefore {
                problems.append("\(workflow.name): the `uses:` lines read from the text \(commented.sorted()) are not the parsed ones \(parsed.sorted())")
            }
        }
        for (uses, found) in versions where found.count > 1 {
            problems.append("\(uses) is commented as several releases: \(found.sorted())")
        }
        return problems
    }

    /// The write scopes each job may hold, and nothing more: the publish job creates the
    /// release, the daily report keeps its issue, the pull-request probe's reporter
    /// writes one check run.
    static let allowedWrites: [String: Set<String>] = [
        ".github/workflows/release.yml publish": ["contents"],
        ".github/workflows/daily-probe.yml report": ["issues"],
        ".github/workflows/pull-request-probe.yml check-run": ["checks"],
    ]

    /// The workflow's default token grants nothing beyond reading (`permissions: {}` or
    /// read scopes), every job states its permissions as a mapping, no job writes more
    /// than ``allowedWrites`` grants it, and no job on the probe runner writes anything.
    static func permissionProblems(_ workflow: Workflow) throws -> [String] {
        var problems: [String] = []
        if let top = workflow.root.value("permissions") {
            if let scopes = top.mapping {
                for (key, value) in scopes where value.scalar?.string != "read" && value.scalar?.string != "none" {
                    problems.append("\(workflow.name): the workflow's default token grants \(key.scalar?.string ?? "?"): \(value.scalar?.string ?? "?")")
                }
            } else {
                problems.append("\(workflow.name): top-level permissions `\(top.scalar?.string ?? "?")` is not a mapping of scopes")
            }
        } else {
            problems.append("\(workflow.name): no top-level permissions (the default token may write)")
        }
        for job in try workflow.jobs() {
            let place = "\(workflow.name) \(job.id)"
            guard let scopes = job.mapping.value("permissions")?.mapping else {
                problems.append("\(place): no permissions mapping of its own")
                continue
            }
            let writes = Set(scopes.compactMap { key, value in value.scalar?.string == "write" ? key.scalar?.string : nil })
            let unknown = scopes.compactMap { _, value in
                ["read", "write", "none"].contains(value.scalar?.string ?? "") ? nil : value.scalar?.string ?? "?"
            }
            if !unknown.isEmpty { problems.append("\(place): permission values \(unknown) are not read, write or none") }
            let allowed = allowedWrites[place] ?? []
            if !writes.isSubset(of: allowed) {
                problems.append("\(place): writes \(writes.subtracting(allowed).sorted()) beyond what it needs (\(allowed.sorted()))")
            }
            if job.runsOnProbeRunner, !writes.isEmpty {
                problems.append("\(place): runs on the probe runner with write access \(writes.sorted())")
            }
        }
        return problems
    }

    /// The release's verifier is built from a ref other than the tag: the job that runs
    /// `tls-policy-agent verify` runs it from `$GITHUB_WORKSPACE/DIR/.build/…`, DIR is a
    /// checkout of the default branch (an explicit ref that is not the pushed tag), the
    /// build happens in DIR, and the repository it verifies is another directory.
    static func releaseVerifierProblems(_ workflow: Workflow) throws -> [String] {
        let verifyPattern = #"\$\{?GITHUB_WORKSPACE\}?/([A-Za-z0-9._-]+)/\.build/[a-z]+/tls-policy-agent"?\s+verify\b"#
        let jobs = try workflow.jobs().filter { job in job.runScripts.contains { $0.script.contains("tls-policy-agent") && $0.script.contains(" verify") } }
        guard !jobs.isEmpty else { return ["\(workflow.name): no job runs tls-policy-agent verify"] }
        var problems: [String] = []
        for job in jobs {
            let place = "\(workflow.name): job \(job.id)"
            guard let script = job.runScripts.first(where: { $0.script.contains("tls-policy-agent") && $0.script.contains(" verify") })?.script,
                  let directory = firstMatch(verifyPattern, in: script) else {
                problems.append("\(place): the agent that verifies is not run from a checkout directory of its own ($GITHUB_WORKSPACE/DIR/.build/…)")
                continue
            }
            let checkout = job.actionSteps.first { $0.uses.hasPrefix("actions/checkout@") && $0.with?.value("path")?.scalar?.string == directory }
            guard let checkout else {
                problems.append("\(place): no checkout into \(directory)/, where the verifier is built")
                continue
            }
            let ref = checkout.with?.value("ref")?.scalar?.string ?? ""
            if ref.isEmpty || ["github.ref", "github.sha", "ref_name", "refs/tags"].contains(where: ref.contains) || !ref.contains("default_branch") {
                problems.append("\(place): the verifier's checkout \(directory)/ has ref `\(ref)`, not the default branch")
            }
            let builds = job.steps.filter { step in
                let run = step.value("run")?.scalar?.string ?? ""
                return ProjectCommandScanner.invocations(in: run).contains { $0.program == "scripts/setup" || $0.program == "scripts/build-release" }
                    || run.contains("swift build")
            }
            if builds.isEmpty { problems.append("\(place): nothing builds the verifier") }
            for build in builds where build.value("working-directory")?.scalar?.string != directory {
                problems.append("\(place): a build step runs outside \(directory)/ (working-directory \(build.value("working-directory")?.scalar?.string ?? "none"))")
            }
            if let repository = firstMatch(#"repository_url\s*=\s*file://\$\{?GITHUB_WORKSPACE\}?/?([A-Za-z0-9._-]*)"#, in: script), repository == directory || repository.isEmpty {
                problems.append("\(place): the verified repository is the verifier's own checkout (\(repository.isEmpty ? "the workspace" : repository))")
            }
        }
        return problems
    }

    static func allMatches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// Every capture group of the first match (empty text for a group that took no part), or nil.
    static func firstGroups(_ pattern: String, in text: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (1..<match.numberOfRanges).map { index in
            Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
        }
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? {
        allMatches(pattern, in: text).first
    }
}
