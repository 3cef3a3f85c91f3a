import ArgumentParser

/// `tls-policy-agent status`: show the deployed release, its commit and content
/// hash, and when it was deployed.
struct StatusCommand: PlannedCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the deployed release, its commit and content hash, and when it was deployed.",
        discussion: """
            Reads the agent's state directory; does not touch the network or Postfix. Not \
            implemented yet: exits with status 2.
            """
    )

    @OptionGroup var globalOptions: GlobalOptions
}
