import Foundation

/// How the last run ended.
public struct RunRecord: Sendable, Codable, Equatable {
    /// The run's overall outcome.
    public enum Outcome: String, Sendable, Codable {
        /// A release's table (or the expiry fallback's empty map) was installed.
        case deployed
        /// The live map already was the release's table.
        case unchanged
        /// The run failed or refused; the live map stayed as it was (unless
        /// `fallbackInstalled` says the empty map replaced an expired release).
        case failed
    }

    /// When the run ended.
    public var at: Date
    public var outcome: Outcome
    /// The short machine-readable reason (`deployed`, `unchanged`, `rollback`, `expired`, ...).
    public var reason: String
    /// The tag the run deployed, kept, or refused, when it got that far.
    public var tag: String?
    /// The error, for a failed run.
    public var error: String?

    public init(at: Date, outcome: Outcome, reason: String, tag: String? = nil, error: String? = nil) {
        self.at = at
        self.outcome = outcome
        self.reason = reason
        self.tag = tag
        self.error = error
    }
}
