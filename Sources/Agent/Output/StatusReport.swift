import Foundation
import PolicyDeploy
import PolicySync
import ReleaseTrust

/// What `status` reports, read from the state directory only (no network, no Postfix).
struct StatusReport: Encodable {
    var map: String
    var tag: String?
    var commit: String?
    var signer: String?
    var deployedAt: Date?
    var ageSeconds: Int?
    var entries: Int?
    var releaseDate: Date?
    /// When the deployed release stops vouching for its table (its `Expires:`, or
    /// `max_release_age` after its date, whichever is first).
    var expires: Date?
    var expiresInSeconds: Int?
    /// True when the deployed release has expired: the map is stale.
    var expired: Bool?
    /// The deployed release expires within `expiry_warning`.
    var expiresSoon: Bool?
    /// Set while the empty map of `expiry_fallback = empty` is live.
    var expiryFallback: ExpiryFallbackRecord?
    /// The newest release deployed here: nothing older is accepted.
    var rollbackFloor: String?
    var lastRunAt: Date?
    var lastOutcome: String?
    var lastReason: String?
    var lastError: String?
    var lastSuccessAt: Date?
    /// The delivery watch: keys with policy deferrals in the last 24 hours, the log read.
    var deliveryWatch: DeliveryWatchStatus?
    /// Warnings an operator should act on.
    var warnings: [String]
    /// The host canary's held and reported lines (see `StatusReport+Canary.swift`).
    var canary: CanaryRecord?

    init(configuration: AgentConfiguration, state: AgentState, now: Date) {
        map = configuration.map.description
        let release = state.deployedRelease
        tag = release?.tag
        commit = release?.commit
        signer = release?.signer
        deployedAt = state.deployedAt
        ageSeconds = state.deployedAt.map { Int(now.timeIntervalSince($0)) }
        entries = state.deployedMap?.entryCount
        releaseDate = release?.taggerDate
        expiryFallback = state.expiryFallback
        rollbackFloor = state.rollbackFloor?.tag
        lastRunAt = state.lastRun?.at
        lastOutcome = state.lastRun?.outcome.rawValue
        lastReason = state.lastRun?.reason
        lastError = state.lastRun?.error
        lastSuccessAt = state.lastSuccessAt
        warnings = []
        if let release {
            let expiry = DeployedExpiry(release: release, maxReleaseAge: configuration.maxReleaseAge)
            expires = expiry.at
            let remaining = expiry.at.timeIntervalSince(now)
            expiresInSeconds = Int(remaining)
            expired = remaining <= 0
            expiresSoon = remaining > 0 && remaining < configuration.expiryWarning.interval
            if let warning = expiry.warning(at: now, window: configuration.expiryWarning) { warnings.append(warning) }
        }
        if let fallback = state.expiryFallback {
            warnings.append("the empty map of expiry_fallback = empty is live since "
                + "\(ReleaseExpiry.format(fallback.installedAt)): release \(fallback.expiredTag) expired")
        }
        canary = state.canary
        warnings += StatusReport.canaryWarnings(state.canary)
        if state.lastRun?.outcome == .failed {
            warnings.append("the last run failed (\(state.lastRun?.reason ?? "?"))")
        }
        deliveryWatch = DeliveryWatchStatus(configuration: configuration, state: state.deliveryWatch, now: now)
        warnings += deliveryWatch?.warnings ?? []
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        // Encoding plain strings, numbers and dates cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    var text: String {
        func date(_ value: Date?) -> String { value.map(ReleaseExpiry.format) ?? "never" }
        var lines = ["map: \(map)"]
        if let tag {
            lines.append("release: \(tag) (commit \(commit ?? "?"))" + (signer.map { ", signed by \($0)" } ?? ""))
        } else if expiryFallback != nil {
            lines.append("release: none (the empty map of expiry_fallback = empty)")
        } else {
            lines.append("release: none deployed")
        }
        lines.append("deployed: \(date(deployedAt))" + (ageSeconds.map { " (age \(StatusReport.duration($0)))" } ?? ""))
        lines.append("entries: \(entries.map(String.init) ?? "none")")
        if let expires, let remaining = expiresInSeconds {
            lines.append("expires: \(date(expires)) " + (remaining > 0 ? "(in \(StatusReport.duration(remaining)))" : "(EXPIRED)"))
        }
        if let rollbackFloor, rollbackFloor != tag { lines.append("rollback floor: \(rollbackFloor)") }
        lines.append("last run: \(date(lastRunAt)) \(lastOutcome ?? "")" + (lastReason.map { $0 == lastOutcome ? "" : " (\($0))" } ?? ""))
        lines.append("last success: \(date(lastSuccessAt))")
        if let lastError { lines.append("last error: \(lastError)") }
        lines += canaryLines
        lines += deliveryWatch?.lines ?? []
        lines += warnings.map { "WARNING: \($0)" }
        return lines.joined(separator: "\n")
    }

    static func duration(_ seconds: Int) -> String {
        switch seconds {
        case ..<120: "\(seconds) s"
        case ..<7_200: "\(seconds / 60) min"
        case ..<172_800: "\(seconds / 3_600) h"
        default: "\(seconds / 86_400) d"
        }
    }
}
