import ArgumentParser
import Logging
import PolicySync

/// `tls-policy-agent`: keeps a mail host's Postfix TLS policy table in step
/// with the signed releases of the shared dataset.
@main
struct TLSPolicyAgent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls-policy-agent",
        abstract: "Keep this host's Postfix TLS policy table in step with the signed releases of the shared dataset.",
        discussion: """
            Run on a timer on each mail host. A sync fetches the dataset's repository with \
            libgit2, selects the newest release tag the local pin allows among those the \
            repository offers now, verifies the tag's SSH or OpenPGP signature against locally \
            trusted keys, refuses expired, future-dated and moved releases and rollbacks, reads \
            the policy files from the tag's tree (never a work tree), merges this host's local \
            overrides, validates the result against the host's Postfix version, then renders \
            the table, runs postmap on a copy and swaps it into place atomically before \
            reloading Postfix. Any failure leaves the live table untouched: the last good map \
            keeps serving mail.

            Settings come from --config (default /etc/tls-policy-agent/agent.cf); every \
            setting is also a flag (--repository-url, --release-tag, ...) that overrides the \
            file. Logs go to standard error with levels (under systemd, with the syslog \
            priority journald reads); results go to standard output.

            Exit status: 0 success; 1 the run failed (the network, Postfix) or the release was \
            refused, and the live map is as it was; 2 usage or I/O error: a bad flag, a \
            missing, unreadable or invalid configuration file, or a state or map directory \
            that cannot be read or written.
            """,
        version: AgentVersion.current,
        subcommands: [
            SyncCommand.self,
            StatusCommand.self,
            DiffCommand.self,
            VerifyCommand.self,
            DoctorCommand.self,
            DeployCommand.self,
            ForgetCommand.self,
        ]
    )

    /// Sends every `Logger` in the process, including those libraries make for
    /// themselves, to standard error before any command runs, so standard output stays
    /// for the commands' own results; then parses and runs the command with the one
    /// exit-code contract (usage errors exit 2, not ArgumentParser's 64).
    static func main() async {
        LoggingSystem.bootstrap { JournalAwareLogHandler(label: $0) }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withContractFor: error)
        }
    }

    /// Exits as the contract says: ArgumentParser's usage errors (64) become 2, the
    /// commands' own exit codes pass through.
    static func exit(withContractFor error: any Error) -> Never {
        let code = exitCode(for: error)
        guard code == .validationFailure else { exit(withError: error) }
        StandardError.write(fullMessage(for: error), priority: .error)
        Self.exit(withError: ExitCode(ExitStatus.usage))
    }
}
