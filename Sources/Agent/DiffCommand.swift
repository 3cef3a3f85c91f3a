import ArgumentParser

/// `tls-policy-agent diff`: show how the newest allowed release would change
/// the live policy table.
struct DiffCommand: PlannedCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show how the newest allowed release would change the live policy table.",
        discussion: """
            Fetches and verifies like sync, merges local overrides, and prints the entries that \
            would be added, removed or changed, without deploying anything. Not implemented yet: \
            exits with status 2.
            """
    )

    @OptionGroup var globalOptions: GlobalOptions
}
