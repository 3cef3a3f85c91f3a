import ArgumentParser

/// `tls-policy-agent diff`: show how the newest allowed release would change the live
/// policy table (the same as `sync --dry-run`).
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show how the newest allowed release would change the live policy table.",
        discussion: """
            Fetches and verifies like sync, merges local overrides, renders and validates, and \
            prints the entries that would be added (+), removed (-) or changed (~), without \
            deploying or recording anything. Exits with status 1 when the release is refused.
            """
    )

    @Option(name: .long, help: "Output format: text or json.")
    var format: SyncCommand.Format = .text

    @OptionGroup var configurationOptions: ConfigurationOptions
    @OptionGroup var syncOptions: SyncOptions
    @OptionGroup var globalOptions: GlobalOptions

    func run() async throws {
        try await SyncCommand.perform(dryRun: true, format: format, configurationOptions: configurationOptions,
                                      syncOptions: syncOptions, globalOptions: globalOptions)
    }
}
