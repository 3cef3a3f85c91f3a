import ArgumentParser

/// `tls-policy-agent diff`: show how the newest allowed release would change the live
/// policy table (the same as `sync --dry-run`).
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show how the newest allowed release would change the live policy table.",
        discussion: """
            Fetches and verifies like sync, merges local overrides, renders and validates, and \
            prints the entries that would be added (+), removed (-) or changed (~), without \
            deploying or recording anything. Exits with status 1 when the release is refused.
            """
    )

    @OptionGroup var configurationOptions: ConfigurationOptions
    @OptionGroup var syncOptions: SyncOptions
    @OptionGroup var globalOptions: GlobalOptions

    func run() throws {
        try SyncCommand.perform(dryRun: true, configurationOptions: configurationOptions, syncOptions: syncOptions,
                                globalOptions: globalOptions)
    }
}
