import ArgumentParser
import Foundation
import PolicySync

/// `tls-policy-agent sync`: fetch the dataset, verify the newest allowed signed release
/// and deploy it to Postfix.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Fetch the dataset, verify the newest allowed signed release and deploy it to Postfix.",
        discussion: """
            The steps, in order, each with its own outcome: fetch (libgit2; clone on the first \
            run, re-clone a corrupt cache), select the newest release tag the pin allows among \
            those the repository offers now, verify its signature, expiry, dates and that it is \
            neither a rollback nor a moved tag, read the policy files from the tag's tree, merge \
            local overrides, render, validate against this host's Postfix, the host canary \
            (canary = hold, the default: new and strengthened lines are probed from this host \
            first, and one that would defer mail is held back, a new key left out and a changed \
            key kept at its live line, and retried on every sync until it passes; report: \
            deploy and report them; off; bounded by canary_timeout and canary_concurrency), \
            postmap on a copy, atomic swap, postfix reload, record state and metrics. Nothing \
            changed since the last deploy and no line held: no probe, no rebuild, no reload. Any failure leaves the live map as it was \
            and exits with status 1; so does a deployed release past its expiry that no newer \
            valid release replaces (with expiry_fallback = empty the empty map is installed \
            then). --dry-run prints the entries that would be added (+), removed (-) and \
            changed (~) instead of deploying, and records nothing.

            Standard output is one line: "deployed TAG (COMMIT) to MAP: N entries[, postfix \
            reloaded][, N held by the host canary (KEYS)]" or "unchanged TAG (COMMIT) at MAP: N entries"; with --format json, one \
            JSON object with the outcome (deployed, unchanged, would-change, refused, failed), \
            the tag and, for a refusal or failure, the step and reason.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Flag(name: .long, help: "Print what would change; deploy and record nothing.")
    var dryRun = false

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup var configurationOptions: ConfigurationOptions
    @OptionGroup var syncOptions: SyncOptions
    @OptionGroup var globalOptions: GlobalOptions

    func run() async throws {
        try await SyncCommand.perform(dryRun: dryRun, format: format, configurationOptions: configurationOptions,
                                      syncOptions: syncOptions, globalOptions: globalOptions)
    }

    /// Runs one sync (or dry run) and prints its summary; shared with `diff`.
    static func perform(dryRun: Bool, format: Format, configurationOptions: ConfigurationOptions,
                        syncOptions: SyncOptions, globalOptions: GlobalOptions) async throws {
        let logger = globalOptions.makeLogger(command: dryRun ? "sync --dry-run" : "sync")
        let configuration: AgentConfiguration
        do {
            configuration = try configurationOptions.load()
        } catch {
            throw error.report()
        }
        let runner = SyncRunner(context: SyncContext(configuration: configuration, logger: logger),
                                lockTimeout: syncOptions.lockTimeout, dryRun: dryRun)
        do {
            let result = try await runner.run()
            print(format == .json ? SyncReport(result).json : SyncCommand.summary(result))
        } catch {
            if format == .json { print(SyncReport(error).json) }
            throw CommandFailure.run(error).report()
        }
    }

    /// What a finished sync prints on standard output.
    static func summary(_ result: SyncResult) -> String {
        let release = "\(result.release.tagName) (\(result.release.commitID.hex.prefix(12)))"
        switch result.outcome {
        case .deployed(let reloaded):
            return "deployed \(release) to \(result.map): \(result.entries) entries\(reloaded ? ", postfix reloaded" : "")"
                + canarySuffix(result)
        case .unchanged:
            return "unchanged \(release) at \(result.map): \(result.entries) entries" + canarySuffix(result)
        case .wouldChange(let diff):
            let header = diff.isEmpty
                ? "\(release): no change to \(result.map)"
                : "\(release) would change \(result.map): \(diff.added.count) added, \(diff.removed.count) removed, \(diff.changed.count) changed"
            return ([header] + diff.lines).joined(separator: "\n")
        }
    }

    /// `, N held by the host canary (KEY, ...)` while lines are held (see `status`).
    private static func canarySuffix(_ result: SyncResult) -> String {
        guard let held = result.canary?.held, !held.isEmpty else { return "" }
        return ", \(held.count) held by the host canary (\(held.map(\.key).joined(separator: ", ")))"
    }
}
