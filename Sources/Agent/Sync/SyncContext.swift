import ExternalCommand
import Foundation
import Logging
import PolicyDeploy

/// What every step of a sync needs: the configuration, the tools, the clock and a logger.
struct SyncContext: Sendable {
    var configuration: AgentConfiguration
    var tools: PostfixTools
    var logger: Logger
    /// The time the run judges expiry, key validity and release age at.
    var now: Date
    /// Bound for the whole Git fetch.
    var fetchTimeout: Double

    var stateStore: StateStore { StateStore(directory: configuration.stateDirectory) }
    /// The bare Git cache of the dataset's tags.
    var cacheDirectory: String { configuration.stateDirectory + "/cache" }
    /// Every release tag ever seen, with its object (``TagLedger``).
    var ledgerPath: String { configuration.stateDirectory + "/tags.ledger" }
    /// The agent's own record (deployed release, counters), beside PolicyDeploy's state file.
    var recordPath: String { AgentRecord.path(stateDirectory: configuration.stateDirectory) }

    init(configuration: AgentConfiguration, logger: Logger, now: Date = Date(), fetchTimeout: Double = 120,
         toolTimeout: Duration = .seconds(120)) {
        self.configuration = configuration
        self.tools = PostfixTools(configDirectory: configuration.postfixConfigDirectory,
                                  runner: CommandRunner(timeout: toolTimeout))
        self.logger = logger
        self.now = now
        self.fetchTimeout = fetchTimeout
    }
}
