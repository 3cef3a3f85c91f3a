import DurableFiles
import Foundation
import PolicyDeploy

/// The Prometheus textfile-collector file (node_exporter `--collector.textfile`): gauges
/// for the last success, the deployed release's time and expiry and its entries, and
/// counters of sync and step outcomes. Rewritten atomically after every run, so the
/// collector never reads half a file.
struct MetricsFile {
    var path: String

    func write(state: DeploymentState, record: AgentRecord) throws(DurableFileError) {
        try DurableFileSystem.replaceAtomically(path, bytes: Array(MetricsFile.render(state: state, record: record).utf8),
                                                mode: 0o644)
    }

    static func render(state: DeploymentState, record: AgentRecord) -> String {
        var text = ""
        func gauge(_ name: String, _ help: String, _ value: Double?) {
            guard let value else { return }
            text += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n\(name) \(format(value))\n"
        }
        gauge("tls_policy_agent_last_success_timestamp_seconds",
              "When a sync last ended with the release's map live.", record.lastSuccessAt?.timeIntervalSince1970)
        gauge("tls_policy_agent_last_run_timestamp_seconds", "When the last run ended.",
              state.lastRunAt?.timeIntervalSince1970)
        gauge("tls_policy_agent_last_run_failed", "1 when the last run failed.",
              state.lastOutcome.map { $0 == .failed ? 1 : 0 })
        gauge("tls_policy_agent_release_timestamp_seconds", "Signed tagger date of the deployed release.",
              record.release?.taggerDate.timeIntervalSince1970)
        gauge("tls_policy_agent_release_expiry_timestamp_seconds", "Signed expiry of the deployed release.",
              record.release?.expires.timeIntervalSince1970)
        gauge("tls_policy_agent_entries", "Entries in the live policy map.", state.deployed.map { Double($0.entryCount) })

        text += "# HELP tls_policy_agent_sync_total Sync runs by outcome (deployed, unchanged, or the refusal reason).\n"
        text += "# TYPE tls_policy_agent_sync_total counter\n"
        for (reason, count) in record.outcomes.sorted(by: { $0.key < $1.key }) {
            text += "tls_policy_agent_sync_total{outcome=\"\(reason)\"} \(count)\n"
        }
        text += "# HELP tls_policy_agent_step_total Sync steps by step and outcome (success, noop, error).\n"
        text += "# TYPE tls_policy_agent_step_total counter\n"
        for (key, count) in record.stepOutcomes.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "/", maxSplits: 1)
            guard parts.count == 2 else { continue }
            text += "tls_policy_agent_step_total{step=\"\(parts[0])\",outcome=\"\(parts[1])\"} \(count)\n"
        }
        return text
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
