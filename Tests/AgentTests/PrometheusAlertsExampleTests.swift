import Foundation
@testable import PolicySync
import XCTest

/// docs/prometheus-alerts.yml alerts on metrics the agent writes: every
/// `tls_policy_agent_…` name its expressions use is in the metrics file of a run whose
/// delivery watch saw a policy deferral and of one that could not read the log.
final class PrometheusAlertsExampleTests: XCTestCase {
    func testEveryMetricTheExampleRulesUseIsWrittenByTheAgent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let rules = try String(contentsOf: root.appendingPathComponent("docs/prometheus-alerts.yml"), encoding: .utf8)
        let expressions = rules.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("expr:") }
        XCTAssertEqual(expressions.count, 2, rules)
        let used = Set(expressions.flatMap { line in
            line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init)
                .filter { $0.hasPrefix("tls_policy_agent_") }
        })
        XCTAssertTrue(used.contains("tls_policy_agent_policy_deferrals_total"), "\(used)")

        var watch = DeliveryWatchState()
        var counts = PolicyKeyDeliveries()
        counts.countPolicyDeferral(at: Date(), failure: "not-offered")
        watch.keys["example.com"] = counts
        watch.lastError = "cannot read the mail log /var/log/mail.log: no such file"
        watch.readErrors = 1
        var state = AgentState()
        state.deliveryWatch = watch
        let configuration = try AgentConfiguration.parse("""
            repository_url = https://git.example/policy.git
            release_tag = v*
            ssh_allowed_signers = /etc/allowed_signers
            policy_map = hash:/etc/postfix/tls-policy/tls_policy

            """, file: "agent.cf")
        let metrics = MetricsFile.render(state: state, configuration: configuration, now: Date())
        let written = Set(metrics.split(separator: "\n").filter { !$0.hasPrefix("#") }
            .compactMap { $0.split(whereSeparator: { $0 == "{" || $0 == " " }).first.map(String.init) })
        XCTAssertTrue(used.isSubset(of: written), "not written: \(used.subtracting(written)) (written: \(written.sorted()))")
        XCTAssertTrue(metrics.contains("tls_policy_agent_policy_deferrals_total{key=\"example.com\"} 1\n"), metrics)
        XCTAssertTrue(metrics.contains("tls_policy_agent_mail_log_read_failed 1\n"), metrics)
    }
}
