import ArgumentParser
import Foundation

/// `tls-policy-agent sync`: fetch the dataset, verify the newest allowed signed release
/// and deploy it to Postfix.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Fetch the dataset, verify the newest allowed signed release and deploy it to Postfix.",
        discussion: """
            The steps, in order, each with its own outcome: fetch (libgit2; clone on the first \
            run, re-clone a corrupt cache), select the release tag allowed by the pin, verify \
            its signature, expiry and that it is not a rollback, read the policy files from the \
            tag's tree, merge local overrides, render, validate against this host's Postfix, \
            postmap on a copy, atomic swap, postfix reload, record state and metrics. Nothing \
            changed since the last deploy: no rebuild and no reload. Any failure leaves the \
            live map as it was and exits with status 1. --dry-run prints the entries that \
            would be added (+), removed (-) and changed (~) instead of deploying.
            """
    )

    @Flag(name: .long, help: "Print what would change; deploy and record nothing.")
    var dryRun = false

    @OptionGroup var configurationOptions: ConfigurationOptions
    @OptionGroup var syncOptions: SyncOptions
    @OptionGroup var globalOptions: GlobalOptions

    func run() throws {
        try SyncCommand.perform(dryRun: dryRun, configurationOptions: configurationOptions, syncOptions: syncOptions,
                                globalOptions: globalOptions)
    }

    /// Runs one sync (or dry run) and prints its summary; shared with `diff`.
    static func perform(dryRun: Bool, configurationOptions: ConfigurationOptions, syncOptions: SyncOptions,
                        globalOptions: GlobalOptions) throws {
        let logger = globalOptions.makeLogger(command: dryRun ? "sync --dry-run" : "sync")
        let configuration: AgentConfiguration
        do {
            configuration = try configurationOptions.load()
        } catch let failure as CommandFailure {
            throw failure.report()
        }
        let runner = SyncRunner(
            context: SyncContext(configuration: configuration, logger: logger, fetchTimeout: syncOptions.fetchTimeout),
            lockTimeout: syncOptions.lockTimeout, dryRun: dryRun)
        let outcome: Result<SyncResult, SyncFailure> = BlockingTask.run {
            do throws(SyncFailure) {
                return .success(try await runner.run())
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let result):
            print(SyncCommand.summary(result))
        case .failure(let failure):
            throw CommandFailure(failure.description).report()
        }
    }

    /// What a finished sync prints on standard output.
    static func summary(_ result: SyncResult) -> String {
        let release = "\(result.release.tagName) (\(result.release.commitID.hex.prefix(12)))"
        switch result.outcome {
        case .deployed(let reloaded):
            return "deployed \(release) to \(result.map): \(result.entries) entries\(reloaded ? ", postfix reloaded" : "")"
        case .unchanged:
            return "unchanged \(release) at \(result.map): \(result.entries) entries"
        case .wouldChange(let diff):
            let header = diff.isEmpty
                ? "\(release): no change to \(result.map)"
                : "\(release) would change \(result.map): \(diff.added.count) added, \(diff.removed.count) removed, \(diff.changed.count) changed"
            return ([header] + diff.lines).joined(separator: "\n")
        }
    }
}
