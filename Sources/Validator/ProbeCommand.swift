import ArgumentParser
import Foundation
import Logging
import PolicyProbe
import PolicyProbeMTASTS
import TLSPolicy
#if canImport(Glibc)
import Glibc
#endif

/// `probe`: connects to every entry's MX hosts as Postfix's SMTP client would and says
/// whether the entry delivers, would defer mail, or could be stronger.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Probe entries live (DNS, STARTTLS, certificate names, DANE, MTA-STS) and judge them as Postfix would.",
        discussion: """
            Verdicts: pass, fail (an MX host would defer mail), stronger (a stronger line passes too), \
            unreachable (no MX host answered), unprobeable (a .parent or quoted key). \
            With --revision REV the PATHs are read from REV's tree in the Git repository of the \
            current directory (through libgit2, never from the work tree): a pull request's head, \
            fetched as objects only, is probed by code it did not bring. Locations then read \
            REV:policy/x.policy:LINE (--format github annotates policy/x.policy, the repository path). \
            A run is blind when at least 3 distinct addresses were tried, none sent an SMTP greeting \
            and at least 90% of them were refused or timed out at connect: this host cannot reach \
            port 25, the probe says so instead of listing every entry unreachable, and exits 1 \
            (JSON: the blindRunner field, which report refuses to merge). \
            Exit status: 0 nothing fails, 1 an entry fails, an entry Postfix rejects, or a blind run; \
            2 usage or I/O error. \
            JSON output (schema version 1) is described in docs/probe-json.md.
            """
    )

    @Argument(help: "Table files or dataset directories (with --revision: paths inside the revision's tree). Default: policy/.")
    var paths: [String] = []

    @Option(name: .customLong("revision"), help: "Read the PATHs from this Git revision's tree (a commit ID, a branch, a tag: any revision git rev-parse reads) through libgit2, never from the work tree.")
    var revision: String?

    @Option(name: .customLong("domain"), help: "Probe only this key (repeatable).")
    var domains: [String] = []

    @Option(name: .customLong("changed-since"), help: "Probe only entries added or changed since this Git ref (any revision git rev-parse reads: a branch such as origin/main, a tag, HEAD, a commit ID).")
    var changedSince: String?

    @Option(help: "Probe only shard I of N (1-based, a stable hash of the key).")
    var shard: String?

    @Option(help: "Output format: table, json, github or markdown.")
    var format: String = "table"

    @OptionGroup var probeOptions: ProbeOptions

    @OptionGroup var target: TargetOptions

    func run() async throws {
        try await ExitCode.reportingErrors(of: "probe") { try await probe() }
    }

    private func probe() async throws {
        guard let outputFormat = ProbeOutputFormat(option: format) else {
            throw UsageError(description: "--format must be table, json, github or markdown, not '\(format)'")
        }
        let selectedShard = try shard.map { try Shard(parsing: $0) }
        if let problem = probeOptions.problem { throw UsageError(description: problem) }

        // With --revision the policy files come from the object database only: on the probe
        // runner, a pull request's files are data that is never checked out.
        let revisionTree = try revision.map { try GitRevisionTree(revision: $0, option: "--revision") }
        let inputs = try revisionTree?.inputFiles(paths) ?? InputFiles.resolve(paths)
        // The probe judges entries as a host that does DNSSEC lookups would (dane-only is
        // valid there), unless --no-dnssec says otherwise: the installed Postfix is not asked.
        var target = self.target
        if target.dnssec == nil { target.dnssec = true }
        let (version, host) = try await target.resolve(for: inputs)
        let parser = PolicyValueParser(version: version, host: host)
        let loaded = ProbeTargetLoader(sources: inputs.sources, parser: parser)

        var targets = loaded.targets
        if !domains.isEmpty {
            let wanted = Set(domains.map { $0.lowercased() })
            targets = targets.filter { wanted.contains($0.entry.key.folded) }
            let found = Set(targets.map(\.entry.key.folded))
            for missing in wanted.subtracting(found).sorted() {
                FileHandle.standardError.write(Data("tls-policy-validator probe: no entry for --domain \(missing)\n".utf8))
            }
        }
        if let changedSince {
            let baseline = try ProbeChangedSince(reference: changedSince).baseline(parser: parser)
            targets = ProbeChangedSince.select(targets, baseline: baseline)
        }
        if let selectedShard {
            targets = targets.filter { selectedShard.contains(key: $0.entry.key.folded) }
        }
        for entry in loaded.invalid {
            FileHandle.standardError.write(Data("\(entry.file):\(entry.line): \(entry.key): not probed, Postfix \(version) rejects the entry: \(entry.reason) (see lint)\n".utf8))
        }

        var logger = Logger(label: "tls-policy-validator.probe")
        logger.logLevel = .warning
        let prober = try PolicyProber(configuration: probeOptions.configuration, mtaSTS: HTTPSMTASTSPolicySource(), logger: logger)
        defer { prober.shutdown() }

        // The progress line only on a terminal: in CI logs it would be noise.
        var progress: (@Sendable (Int, Int) -> Void)?
        if isatty(STDERR_FILENO) == 1 {
            progress = { done, total in
                FileHandle.standardError.write(Data("\rprobed \(done)/\(total) entries".utf8))
                if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
            }
        }
        // Bounded by the run's --deadline (no new work starts after it) and the per-step
        // and DNS timeouts of the work in flight.
        let report = await prober.probe(targets, progress: progress)

        let text: String
        switch outputFormat {
        case .table: text = ProbeTableRenderer.render(report)
        case .json: text = try ProbeJSONRenderer.render(report)
        case .markdown: text = ProbeMarkdownRenderer.render(report)
        case .github:
            // GitHub places an annotation on the pull request's line by the repository path.
            text = ProbeGitHubRenderer.render(report, stripping: revisionTree.map { $0.sourceName("") } ?? "")
            if let summary = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
                try ProbeStepSummary.append(ProbeMarkdownRenderer.render(report), to: summary)
            }
        }
        FileHandle.standardOutput.write(Data(text.utf8))
        if let blind = report.blindRunner {
            // Every format fails the run: its verdicts say nothing about the entries.
            FileHandle.standardError.write(Data("tls-policy-validator probe: \(blind.message)\n".utf8))
            throw ExitCode.failure
        }
        if report.hasFailures || !loaded.invalid.isEmpty { throw ExitCode.failure }
    }
}
