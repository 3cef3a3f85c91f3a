import ArgumentParser
import Foundation
import PolicyDeploy

/// `tls-policy-agent status`: the deployed release, its age, entries, expiry and the
/// last error, from the state directory alone.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the deployed release, its age, entries, expiry and the last error.",
        discussion: "Reads the agent's state directory; does not touch the network or Postfix."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup var configurationOptions: ConfigurationOptions
    @OptionGroup var globalOptions: GlobalOptions

    func run() throws {
        do {
            let configuration = try configurationOptions.load()
            let store = StateStore(directory: configuration.stateDirectory)
            let state: DeploymentState
            let record: AgentRecord
            do {
                state = try store.load()
                record = try AgentRecord.load(path: AgentRecord.path(stateDirectory: configuration.stateDirectory))
            } catch {
                throw CommandFailure("\(error)")
            }
            let report = StatusReport(map: configuration.map.description, state: state, record: record, now: Date())
            print(format == .json ? report.json : report.text)
        } catch let failure as CommandFailure {
            throw failure.report()
        }
    }
}
