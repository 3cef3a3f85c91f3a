import Foundation

/// Everything one oracle run learned about one table.
public struct PolicyOracleReport: Sendable {
    /// The name the table was given (for messages).
    public let tableName: String
    /// Every logical entry of the table, in file order.
    public let entries: [PolicyOracleEntry]
    /// postmap's complete stderr.
    public let postmapWarnings: [String]
    /// Places where the oracle's reading of the file and postmap's stored keys disagree;
    /// empty in a trustworthy run.
    public let consistencyProblems: [String]
    /// Seconds spent on the whole run.
    public let duration: TimeInterval
    /// Seconds from injecting the mail to the last status (or the deadline).
    public let deliveryDuration: TimeInterval
    /// The sending Postfix's maillog (for diagnosing a surprising verdict).
    public let senderLog: String

    /// A report with every field given (the oracle makes them).
    public init(tableName: String, entries: [PolicyOracleEntry], postmapWarnings: [String], consistencyProblems: [String],
                duration: TimeInterval, deliveryDuration: TimeInterval, senderLog: String) {
        self.tableName = tableName
        self.entries = entries
        self.postmapWarnings = postmapWarnings
        self.consistencyProblems = consistencyProblems
        self.duration = duration
        self.deliveryDuration = deliveryDuration
        self.senderLog = senderLog
    }

    /// The entry that contains physical line `line`, if any.
    public func entry(containing line: Int) -> PolicyOracleEntry? {
        entries.first { $0.contains(line: line) }
    }

    /// The first entry whose key, as written, is `key`.
    public func entry(key: String) -> PolicyOracleEntry? {
        entries.first { $0.key == key }
    }

    /// How many entries got each verdict label.
    public var countsByLabel: [String: Int] {
        entries.reduce(into: [:]) { $0[$1.verdict.label, default: 0] += 1 }
    }
}
