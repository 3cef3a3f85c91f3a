import Foundation
import PolicySync
import ReleaseTrust

/// The delivery watch's part of `status`: which log it reads, when it last could, and
/// the policy keys with TLS policy deferrals in the last 24 hours. Keys only: the state
/// holds no address.
struct DeliveryWatchStatus: Encodable {
    struct KeyDeferrals: Encodable {
        var key: String
        /// Policy deferrals in the last 24 hours.
        var deferrals24h: Int
        /// Policy deferrals since the watch first ran.
        var deferralsTotal: Int
        var lastSeen: Date?
        /// The kind of the last failure (`not-offered`, `certificate-not-verified`, ...).
        var lastFailure: String?
    }

    /// `mail_log` as this host resolves it now (`/var/log/mail.log`, `journal`, `off`).
    var mailLog: String
    var lastReadAt: Date?
    var lastError: String?
    var policyDeferrals: [KeyDeferrals]

    /// Nil when the watch is off and never ran.
    init?(configuration: AgentConfiguration, state: DeliveryWatchState?, now: Date) {
        let setting = configuration.mailLog.resolved()
        guard setting != .off || state != nil else { return nil }
        mailLog = setting.description
        lastReadAt = state?.lastReadAt
        lastError = state?.lastError
        policyDeferrals = (state?.keysWithRecentPolicyDeferrals(now: now) ?? []).map { entry in
            KeyDeferrals(key: entry.key, deferrals24h: entry.count, deferralsTotal: entry.counts.policyDeferrals,
                         lastSeen: entry.counts.lastPolicyDeferralAt, lastFailure: entry.counts.lastPolicyFailure)
        }
    }

    var warnings: [String] {
        var warnings: [String] = []
        if let lastError { warnings.append("the delivery watch could not read the mail log: \(lastError)") }
        if !policyDeferrals.isEmpty {
            warnings.append("TLS policy deferrals in the last 24 h for "
                + policyDeferrals.map { "\($0.key) (\($0.deferrals24h))" }.joined(separator: ", "))
        }
        return warnings
    }

    var lines: [String] {
        var lines = ["mail log: \(mailLog)" + (lastReadAt.map { ", read \(ReleaseExpiry.format($0))" } ?? ", not read yet")]
        if policyDeferrals.isEmpty {
            lines.append("policy deferrals (24 h): none")
        } else {
            lines.append("policy deferrals (24 h):")
            for entry in policyDeferrals {
                lines.append("  \(entry.key): \(entry.deferrals24h) (total \(entry.deferralsTotal), last "
                    + (entry.lastSeen.map(ReleaseExpiry.format) ?? "?") + (entry.lastFailure.map { ", \($0)" } ?? "") + ")")
            }
        }
        return lines
    }
}
