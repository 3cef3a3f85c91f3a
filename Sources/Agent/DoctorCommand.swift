import ArgumentParser

/// `tls-policy-agent doctor`: check that this host can run the agent.
struct DoctorCommand: PlannedCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check that this host can run the agent.",
        discussion: """
            Reports the libgit2 build and its HTTPS and SSH transports, the trust files, the \
            state directory, the Postfix version and whether its resolver supports DANE, and \
            whether postmap and postfix reload are available. Not implemented yet: exits with \
            status 2.
            """
    )

    @OptionGroup var globalOptions: GlobalOptions
}
