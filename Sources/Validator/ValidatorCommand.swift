import ArgumentParser
import Foundation

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
        subcommands: [LintCommand.self, RenderCommand.self, ImportCommand.self, ProbeCommand.self, ReportCommand.self]
    )

    /// Runs the command with the project's exit statuses: 0 clean, 1 findings, and 2 for
    /// every usage error, where ArgumentParser alone would use 64 (EX_USAGE) for the ones
    /// it detects. CI scripts and workflows branch on 1 versus 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}

/// The validator's version, kept in one place.
enum ValidatorVersion {
    static let current = "0.1.0"
}
