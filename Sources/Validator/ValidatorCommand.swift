import ArgumentParser

/// `tls-policy-validator`: checks the shared TLS policy dataset against Postfix's
/// grammar, converts public lists into it, and renders it as one Postfix table.
@main
struct ValidatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls-policy-validator",
        abstract: "Lint, import and render Postfix TLS policy tables (smtp_tls_policy_maps).",
        discussion: """
            An invalid or stale entry in smtp_tls_policy_maps defers mail. This tool reads tables \
            exactly as the target Postfix version reads them and says, per entry, whether Postfix \
            would accept it.
            """,
        version: ValidatorVersion.current,
        subcommands: [LintCommand.self, RenderCommand.self, ImportCommand.self]
    )
}

/// The validator's version, kept in one place.
enum ValidatorVersion {
    static let current = "0.1.0"
}
