import Foundation
import ExternalCommand
import Logging
import PolicyDeploy
import PolicyGit

/// What every step of a sync needs: the configuration, the tools, the clock and a logger.
public struct SyncContext: Sendable {
    public var configuration: AgentConfiguration
    public var tools: PostfixTools
    public var logger: Logger
    /// The time the run judges expiry, key validity, clock skew and release age at.
    public var now: Date

    public init(configuration: AgentConfiguration, logger: Logger, now: Date = Date(),
                toolTimeout: Duration = .seconds(120)) {
        self.configuration = configuration
        self.tools = PostfixTools(configDirectory: configuration.postfixConfigDirectory,
                                  runner: CommandRunner(timeout: toolTimeout))
        self.logger = logger
        self.now = now
    }

    /// The state directory.
    var stateStore: AgentStateStore { configuration.stateStore }

    /// How the fetch talks to the remote: its deadline, credentials and trust.
    public var fetchOptions: GitFetchOptions {
        GitFetchOptions(timeout: configuration.fetchTimeout.interval,
                        sshKey: configuration.sshPrivateKey.map { GitSSHKey(privateKeyPath: $0) },
                        knownHostsFile: configuration.sshKnownHosts, caFile: configuration.httpsCAFile)
    }
}
