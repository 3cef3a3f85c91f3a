import Foundation

/// The agent's memory between runs, kept as JSON in the state directory.
public struct DeploymentState: Sendable, Codable, Equatable {
    /// How the last run ended.
    public enum Outcome: String, Sendable, Codable {
        case deployed, unchanged, failed
    }

    /// The release tag deployed, when the table came from one.
    public var tag: String?
    /// Its commit.
    public var commit: String?
    /// The live map as last deployed; `nil` before the first successful deploy.
    public var deployed: DeployedMap?
    /// When the live map was installed.
    public var deployedAt: Date?
    /// When the last run ended, and how.
    public var lastRunAt: Date?
    public var lastOutcome: Outcome?
    /// The last run's error, `nil` after a success.
    public var lastError: String?

    public init(tag: String? = nil, commit: String? = nil, deployed: DeployedMap? = nil, deployedAt: Date? = nil,
                lastRunAt: Date? = nil, lastOutcome: Outcome? = nil, lastError: String? = nil) {
        self.tag = tag
        self.commit = commit
        self.deployed = deployed
        self.deployedAt = deployedAt
        self.lastRunAt = lastRunAt
        self.lastOutcome = lastOutcome
        self.lastError = lastError
    }
}
