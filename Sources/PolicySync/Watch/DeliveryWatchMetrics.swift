import Foundation

/// The delivery watch's lines of the metrics file (``MetricsFile``): per policy key with
/// policy deferrals their counter and last time, per key that received mail its
/// deliveries, and whether the log could be read.
enum DeliveryWatchMetrics {
    static func render(_ watch: DeliveryWatchState?) -> String {
        guard let watch else { return "" }
        var text = ""
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(String, Double)]) {
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for (labels, value) in samples { text += "\(name)\(labels) \(number(value))\n" }
        }
        let keys = watch.keys.sorted { $0.key < $1.key }
        family("tls_policy_agent_policy_deferrals_total", "counter",
               "Deliveries Postfix deferred (or bounced) for a TLS policy failure, by policy key of the live map.",
               keys.filter { $0.value.policyDeferrals > 0 }.map { (label($0.key), Double($0.value.policyDeferrals)) })
        family("tls_policy_agent_policy_deferral_last_seen_seconds", "gauge",
               "When the last TLS policy deferral of a policy key was logged.",
               keys.compactMap { key, counts in counts.lastPolicyDeferralAt.map { (label(key), $0.timeIntervalSince1970) } })
        family("tls_policy_agent_deliveries_total", "counter",
               "Deliveries Postfix logged as sent, by policy key of the live map.",
               keys.filter { $0.value.delivered > 0 }.map { (label($0.key), Double($0.value.delivered)) })
        family("tls_policy_agent_mail_log_read_errors_total", "counter",
               "Runs whose delivery watch could not read the mail log.", [("", Double(watch.readErrors))])
        family("tls_policy_agent_mail_log_read_failed", "gauge",
               "1 when the last run could not read the mail log.", [("", watch.lastError == nil ? 0 : 1)])
        if let read = watch.lastReadAt {
            family("tls_policy_agent_mail_log_last_read_timestamp_seconds", "gauge",
                   "When the mail log was last read.", [("", read.timeIntervalSince1970)])
        }
        return text
    }

    /// `{key="…"}` with the value escaped as the exposition format asks.
    private static func label(_ key: String) -> String {
        var escaped = ""
        for character in key {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return "{key=\"\(escaped)\"}"
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
