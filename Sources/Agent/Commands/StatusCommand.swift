import ArgumentParser
import Foundation
import PolicySync

/// `tls-policy-agent status`: the deployed release, its age, entries, expiry and the
/// last error, from the state directory alone.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the deployed release, its age, entries, expiry and the last error.",
        discussion: """
            Reads the agent's state directory; does not touch the network or Postfix. Warns \
            (WARNING: lines) when the deployed release has expired or expires within \
            expiry_warning, while the expiry fallback's empty map is live, while the host \
            canary holds lines back, when the last run failed, when the delivery watch \
            (mail_log) saw TLS policy deferrals in the last 24 hours (listed per policy key) \
            and when it could not read the mail log. Lists the lines the canary holds or \
            reported (canary held: / canary reported:) with the probe's reason. Exits 0 when \
            it could read the state, whatever it reports.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup var configurationOptions: ConfigurationOptions
    @OptionGroup var globalOptions: GlobalOptions

    func run() throws {
        let configuration: AgentConfiguration
        let state: AgentState
        do {
            configuration = try configurationOptions.load()
        } catch {
            throw error.report()
        }
        do {
            state = try configuration.stateStore.load()
        } catch {
            throw CommandFailure.usage(error.description).report()
        }
        let report = StatusReport(configuration: configuration, state: state, now: Date())
        print(format == .json ? report.json : report.text)
    }
}
