import ArgumentParser
import Foundation

/// `tls-policy-validator`: checks the shared TLS policy dataset against Postfix's
/// grammar, converts public lists into it, and renders it as one Postfix table.
@main
struct ValidatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls-policy-validator",
        abstract: "Lint, import and render Postfix TLS policy tables (smtp_tls_policy_maps).",
        discussion: """
            An invalid or stale entry in smtp_tls_policy_maps defers mail. This tool reads tables \
            exactly as the target Postfix version reads them and says, per entry, whether Postfix \
            would accept it.

            Exit status, for every command: 0 success; 1 failure or refusal (lint errors, a probe \
            that fails, a render or import refused); 2 usage or I/O error (a bad option, an input \
            that cannot be read, an output that cannot be written).
            """,
        version: ValidatorVersion.current,
        subcommands: [LintCommand.self, RenderCommand.self, ImportCommand.self, ProbeCommand.self, ReportCommand.self,
                      DiscoverCommand.self]
    )

    /// Runs the command with the project's exit statuses (see the discussion above).
    /// ArgumentParser alone would exit 64 (EX_USAGE) for the usage errors it detects and 1
    /// for an error a command lets escape; CI scripts and workflows branch on 1 versus 2,
    /// so both become 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure || (code == .failure && !(error is ExitCode)) {
                let message = fullMessage(for: error)
                if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
                exit(withError: ExitCode.usageOrIOError)
            }
            exit(withError: error)
        }
    }
}

/// The validator's version, kept in one place.
enum ValidatorVersion {
    static let current = "0.1.0"
}
