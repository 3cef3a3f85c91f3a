import ArgumentParser
import Foundation
import Logging
import PolicyDeploy
import PolicySync

/// `tls-policy-agent deploy TABLE --map TYPE:PATH`: installs an already rendered table
/// as a Postfix map, all or nothing, under the run lock, and records the outcome.
struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Install a rendered policy table as a Postfix map, all or nothing.",
        discussion: """
            Writes the table beside the live map under a temporary name, runs postmap on that \
            copy, checks sample keys with postmap -q, runs postfix check, renames the indexed \
            file and then the source into place, and reloads Postfix when it runs. A table \
            identical to the deployed one changes nothing (no postmap, no reload). Any failure \
            leaves the live map as it was and exits with status 1.
            """
    )

    @Argument(help: "The rendered table to install.")
    var table: String

    @Option(name: .long, help: "The map to install it as, TYPE:PATH (hash, btree, lmdb, cdb or texthash).")
    var map: String

    @Option(name: .long, help: "Postfix's configuration directory (postfix -c).")
    var configDir: String = AgentConfiguration.defaultPostfixConfigDirectory

    @Option(name: .long, help: "The agent's state directory (state file and run lock).")
    var stateDir: String = AgentStateStore.defaultDirectory

    @Option(name: .long, help: "Seconds to wait for another run to release the lock.")
    var lockTimeout: Double = 10

    @OptionGroup var globalOptions: GlobalOptions

    func validate() throws {
        guard lockTimeout >= 0, lockTimeout <= 3_600 else {
            throw ValidationError("--lock-timeout must be between 0 and 3600 seconds")
        }
    }

    func run() async throws {
        let logger = globalOptions.makeLogger(command: "deploy")
        let request = Request(table: table, map: map, configDirectory: configDir, stateDirectory: stateDir,
                              lockTimeout: lockTimeout, logger: logger)
        do {
            print(try await request.perform())
        } catch {
            // A file that cannot be read or written is the contract's I/O error (2).
            let isLocalIO: Bool = switch error {
            case let error as StateError: error.isLocalIOError
            case DeployError.io: true
            default: false
            }
            throw CommandFailure.run("\(error)", isLocalIOError: isLocalIO).report()
        }
    }

    /// The command's inputs.
    private struct Request: Sendable {
        var table: String
        var map: String
        var configDirectory: String
        var stateDirectory: String
        var lockTimeout: Double
        var logger: Logger

        /// Deploys the table and records it; the state says no release vouches for it.
        func perform() async throws -> String {
            let location = try MapLocation(parsing: map)
            guard let data = FileManager.default.contents(atPath: table) else {
                throw DeployError.io(path: table, operation: "read", reason: "cannot read the table")
            }
            let store = AgentStateStore(directory: stateDirectory)
            let lock = try store.lock(timeout: lockTimeout)
            defer { withExtendedLifetime(lock) {} }
            var state = try store.load()
            let deployer = MapDeployer(map: location, tools: PostfixTools(configDirectory: configDirectory), logger: logger)
            do {
                let result = try await deployer.deploy(content: [UInt8](data), previous: state.deployedMap)
                let now = Date()
                switch result.outcome {
                case .unchanged:
                    state.lastRun = RunRecord(at: now, outcome: .unchanged, reason: "unchanged")
                    try store.save(state)
                    return "unchanged \(location) (\(result.map.entryCount) entries)"
                case .deployed:
                    // A table installed by hand: no release vouches for it, so the next sync
                    // renders and deploys the release's table again.
                    state.deployedMap = result.map
                    state.deployedAt = now
                    state.deployedRelease = nil
                    state.inputs = nil
                    state.lastRun = RunRecord(at: now, outcome: .deployed, reason: "deployed")
                    try store.save(state)
                    return "deployed \(location) (\(result.map.entryCount) entries\(result.reloaded ? ", postfix reloaded" : ""))"
                }
            } catch let error as DeployError {
                state.lastRun = RunRecord(at: Date(), outcome: .failed, reason: "deploy", error: error.description)
                // The deploy's own error is the one to report; a failure to record it is logged.
                do {
                    try store.save(state)
                } catch let saveError {
                    logger.error("cannot record the failure", metadata: ["error": "\(saveError)"])
                }
                throw error
            }
        }
    }
}
