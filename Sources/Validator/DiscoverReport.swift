import PostfixLog

/// What `discover` found: coverage, the top destinations, and the suggested entries.
/// Domains only: nothing here can hold a recipient's local part. JSON schema version 1.
struct DiscoverReport: Codable, Sendable {
    /// One recipient domain of the log.
    struct Destination: Codable, Sendable {
        var domain: String
        /// Recipients delivered (`status=sent` lines of the SMTP client).
        var delivered: Int
        var deferred: Int
        /// Bounced or expired.
        var failed: Int
        /// Deferrals and bounces whose reason is a TLS policy failure.
        var policyFailures: Int
        /// The table key that applies (the domain or a `.parent` key), if any.
        var tableKey: String?
        /// That entry's level; `invalid` for an entry Postfix rejects.
        var level: String?
        /// True when the entry requires TLS (encrypt or stronger).
        var enforced: Bool
        /// Delivered recipients per TLS seen: `verified`, `trusted`, `untrusted`, `anonymous`, `none`.
        var tls: [String: Int]
    }

    /// A line to add to the dataset, confirmed by a live probe.
    struct Suggestion: Codable, Sendable {
        var domain: String
        /// The table line (`key level attr=value ...`).
        var line: String
        /// Annotations for the line above it (`#@ dane`).
        var annotations: [String]
        /// The probe's verdict for `DOMAIN encrypt`: `stronger` (a secure line passes) or `pass`.
        var verdict: String
        var why: String
    }

    /// A candidate the probe did not confirm: no line is suggested for it.
    struct Rejected: Codable, Sendable {
        var domain: String
        var verdict: String
        var why: String
    }

    var version = 1
    /// The logs read, in order.
    var logs: [String]
    /// The table compared with.
    var table: String
    var lines: Int
    /// Recipients delivered by the SMTP client, in all.
    var delivered: Int
    /// Of those, delivered under an entry that requires TLS.
    var deliveredEnforced: Int
    /// Of those, delivered opportunistically (no entry, or one that does not require TLS).
    var deliveredOpportunistic: Int
    /// `deliveredEnforced / delivered` (0 when nothing was delivered).
    var coverage: Double
    /// Distinct recipient domains seen.
    var destinationCount: Int
    /// The top destinations by recipients delivered (then by name).
    var destinations: [Destination]
    /// False with `--no-probe`: no suggestions were looked for.
    var probed: Bool
    var suggestions: [Suggestion]
    var rejected: [Rejected]
    /// Provider files written with `--output`.
    var files: [String]

    /// The report's name for a TLS trust (nil: plaintext).
    static func tlsName(_ trust: TLSTrust?) -> String {
        trust.map { $0.rawValue.lowercased() } ?? "none"
    }

    /// The TLS column: each trust seen with its count, strongest first.
    static func tlsSummary(_ counts: [String: Int]) -> String {
        let order = ["verified", "trusted", "untrusted", "anonymous", "none"]
        return order.compactMap { name in counts[name].map { "\(name) \($0)" } }.joined(separator: ", ")
    }
}
