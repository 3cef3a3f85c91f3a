import DurableFiles
import Foundation
import PolicyDeploy

/// The Prometheus textfile-collector file (node_exporter `--collector.textfile`): gauges
/// for the last success, the deployed release's time and expiry and its entries, and
/// counters of sync and step outcomes. Rewritten atomically after every run, so the
/// collector never reads half a file.
struct MetricsFile {
    var path: String

    func write(state: AgentState, configuration: AgentConfiguration, now: Date) throws(DurableFileError) {
        let text = MetricsFile.render(state: state, configuration: configuration, now: now)
        try DurableFileSystem.replaceAtomically(path, bytes: Array(text.utf8), mode: 0o644)
    }

    static func render(state: AgentState, configuration: AgentConfiguration, now: Date) -> String {
        var text = ""
        func gauge(_ name: String, _ help: String, _ value: Double?) {
            guard let value else { return }
            text += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n\(name) \(format(value))\n"
        }
        let expiry = state.deployedRelease.map { DeployedExpiry(release: $0, maxReleaseAge: configuration.maxReleaseAge) }
        gauge("tls_policy_agent_last_success_timestamp_seconds",
              "When a sync last ended with a verified release's map live.", state.lastSuccessAt?.timeIntervalSince1970)
        gauge("tls_policy_agent_last_run_timestamp_seconds", "When the last run ended.",
              state.lastRun?.at.timeIntervalSince1970)
        gauge("tls_policy_agent_last_run_failed", "1 when the last run failed or refused the release.",
              state.lastRun.map { $0.outcome == .failed ? 1 : 0 })
        gauge("tls_policy_agent_release_timestamp_seconds", "Signed tagger date of the deployed release.",
              state.deployedRelease?.taggerDate.timeIntervalSince1970)
        gauge("tls_policy_agent_release_expiry_timestamp_seconds",
              "When the deployed release expires (its Expires: line, or max_release_age if sooner).",
              expiry?.at.timeIntervalSince1970)
        gauge("tls_policy_agent_release_expired", "1 when the deployed release has expired (the map is stale).",
              expiry.map { $0.at <= now ? 1 : 0 })
        gauge("tls_policy_agent_expiry_fallback_active",
              "1 while the empty map of expiry_fallback = empty is live.", state.expiryFallback == nil ? 0 : 1)
        gauge("tls_policy_agent_entries", "Entries in the live policy map.", state.deployedMap.map { Double($0.entryCount) })

        text += "# HELP tls_policy_agent_sync_total Sync runs by outcome (deployed, unchanged, or the refusal reason).\n"
        text += "# TYPE tls_policy_agent_sync_total counter\n"
        for (reason, count) in state.outcomes.sorted(by: { $0.key < $1.key }) {
            text += "tls_policy_agent_sync_total{outcome=\"\(reason)\"} \(count)\n"
        }
        text += "# HELP tls_policy_agent_step_total Sync steps by step and outcome (success, noop, error).\n"
        text += "# TYPE tls_policy_agent_step_total counter\n"
        for (key, count) in state.stepOutcomes.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "/", maxSplits: 1)
            guard parts.count == 2 else { continue }
            text += "tls_policy_agent_step_total{step=\"\(parts[0])\",outcome=\"\(parts[1])\"} \(count)\n"
        }
        text += MetricsFile.canaryLines(state.canary)
        text += DeliveryWatchMetrics.render(state.deliveryWatch)
        return text
    }

    /// The host canary: lines held back now, and the last probing sync's findings by
    /// action (`held`, `reported`) and reason (the RFC 8460 result type of the first failure).
    static func canaryLines(_ record: CanaryRecord?) -> String {
        var text = "# HELP tls_policy_agent_canary_held_entries Lines the host canary holds back: they would defer mail from this host.\n"
        text += "# TYPE tls_policy_agent_canary_held_entries gauge\n"
        text += "tls_policy_agent_canary_held_entries \(record?.held.count ?? 0)\n"
        text += "# HELP tls_policy_agent_canary_unverified_entries Lines the last probing sync deployed unverified "
            + "(no MX host answered, or canary_timeout passed).\n"
        text += "# TYPE tls_policy_agent_canary_unverified_entries gauge\n"
        text += "tls_policy_agent_canary_unverified_entries \(record?.unverified ?? 0)\n"
        text += "# HELP tls_policy_agent_canary_failing_entries Lines that would defer mail from this host, "
            + "by action (held, reported) and reason.\n"
        text += "# TYPE tls_policy_agent_canary_failing_entries gauge\n"
        var counts: [String: Int] = [:]
        for (action, findings) in [("held", record?.held ?? []), ("reported", record?.reported ?? [])] {
            for finding in findings {
                counts["action=\"\(action)\",reason=\"\(finding.resultType)\"", default: 0] += 1
            }
        }
        for (labels, count) in counts.sorted(by: { $0.key < $1.key }) {
            text += "tls_policy_agent_canary_failing_entries{\(labels)} \(count)\n"
        }
        return text
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
