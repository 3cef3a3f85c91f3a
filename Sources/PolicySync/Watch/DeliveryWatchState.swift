import Foundation

/// The delivery watch's part of the agent's state (``AgentState/deliveryWatch``): where
/// it stopped reading, and per policy key what it counted. Counters survive restarts,
/// as Prometheus counters must.
public struct DeliveryWatchState: Sendable, Codable, Equatable {
    /// The log read last (`/var/log/mail.log`, `journal`): a changed `mail_log` starts afresh.
    public var source: String?
    /// The position in a plain log file.
    public var position: MailLogPosition?
    /// The position in the journal: the last entry's cursor.
    public var journalCursor: String?
    /// Counts per policy key, as the deployed table spells it (folded to lower case).
    public var keys: [String: PolicyKeyDeliveries] = [:]
    /// When the log was last read without error.
    public var lastReadAt: Date?
    /// Lines the last successful read took.
    public var lastReadLines: Int?
    /// Why the last attempt failed, when it did.
    public var lastError: String?
    public var lastErrorAt: Date?
    /// Failed reads since the first run.
    public var readErrors: Int = 0

    public init() {}

    /// The keys with a policy deferral within the last 24 hours before `now`, with that
    /// count, most deferrals first.
    public func keysWithRecentPolicyDeferrals(now: Date) -> [(key: String, count: Int, counts: PolicyKeyDeliveries)] {
        keys.compactMap { key, counts in
            let count = counts.policyDeferrals(before: now)
            return count > 0 ? (key, count, counts) : nil
        }.sorted { ($0.count, $1.key) > ($1.count, $0.key) }
    }
}
