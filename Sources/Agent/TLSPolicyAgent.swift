import ArgumentParser
import Logging

/// `tls-policy-agent`: keeps a mail host's Postfix TLS policy table in step
/// with the signed releases of the shared dataset.
@main
struct TLSPolicyAgent: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls-policy-agent",
        abstract: "Keep this host's Postfix TLS policy table in step with the signed releases of the shared dataset.",
        discussion: """
            Run on a timer on each mail host. A sync fetches the dataset's repository with \
            libgit2, selects the newest release tag the local pin allows, verifies the tag's \
            SSH or OpenPGP signature against locally trusted keys, refuses expired releases \
            and rollbacks, reads the policy files from the tag's tree (never a work tree), \
            merges this host's local overrides, validates the result against the host's \
            Postfix version, then renders the table, runs postmap on a copy and swaps it into \
            place atomically before reloading Postfix. Any failure leaves the live table \
            untouched: the last good map keeps serving mail.

            Settings come from --config (default /etc/tls-policy-agent/agent.cf); every \
            setting is also a flag (--repository-url, --release-tag, ...) that overrides the \
            file. Logs go to standard error with levels (journald reads them); results go to \
            standard output. Exit status: 0 success, 1 failure or refusal, 64 usage error.
            """,
        version: AgentVersion.current,
        subcommands: [
            SyncCommand.self,
            StatusCommand.self,
            DiffCommand.self,
            VerifyCommand.self,
            DoctorCommand.self,
            DeployCommand.self,
        ]
    )

    /// Sends every `Logger` in the process, including those libraries make for
    /// themselves, to standard error before any command runs, so standard
    /// output stays for the commands' own results. Otherwise the default
    /// ArgumentParser entry point.
    static func main() {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
