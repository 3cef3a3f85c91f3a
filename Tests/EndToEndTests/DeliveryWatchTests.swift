import Foundation
import TLSPolicyLab
import XCTest

/// The delivery watch against a real Postfix fed by the agent: an entry the agent deployed
/// delivers, then its MX presents a certificate for other names, Postfix defers the next
/// message by that policy, and the very next `sync` (a no-op for the map) shows the key
/// with its deferral count in the metrics file and in `status`, naming no address.
final class DeliveryWatchTests: XCTestCase {
    private static let release = [
        "policy/provider.policy": """
            # Provider: Provider
            # Evidence: TLSPolicyLab, delivery watch test

            good.test secure match=.provider.test

            """,
    ]

    func testADeployedEntryThatStartsDeferringShowsInTheNextRunsMetricsAndStatus() throws {
        var metricsPath = ""
        let lab = try EndToEndLab { sender, state in
            metricsPath = state + "/metrics.prom"
            return ["mail_log = \(sender.maillogFile.path)", "metrics_file = \(metricsPath)"]
        }
        defer { lab.stop() }
        // Local parts no output may show.
        let first = "alice.secret@good.test", second = "bob.hidden@good.test"

        // 1. Deployed; the first watch run starts at the log as it is.
        try lab.release("v1.0.0", files: Self.release)
        let reloads = lab.reloadCount
        let deploy = try lab.sync()
        XCTAssertEqual(deploy.exitStatus, 0, deploy.stderrText)
        XCTAssertTrue(lab.waitForReloads(reloads + 1), "the agent reloads Postfix after deploying")

        // 2. Delivered under the entry, verified; the next (no-op) run counts the delivery.
        try lab.sender.sendmail(from: "sender@sender.lab.test", to: [first], subject: "before")
        let delivered = try XCTUnwrap(try lab.waitForAttempts([first])[first])
        XCTAssertEqual(delivered.status.outcome, .sent, delivered.transcript)
        let noop = try lab.sync()
        XCTAssertEqual(noop.exitStatus, 0, noop.stderrText)
        XCTAssertTrue(noop.stdoutText.hasPrefix("unchanged v1.0.0"), noop.stdoutText)
        var metrics = try String(contentsOfFile: metricsPath, encoding: .utf8)
        XCTAssertTrue(metrics.contains("tls_policy_agent_deliveries_total{key=\"good.test\"} 1\n"), metrics)
        XCTAssertFalse(metrics.contains("tls_policy_agent_policy_deferrals_total{"), metrics)
        XCTAssertTrue(metrics.contains("tls_policy_agent_mail_log_read_failed 0\n"), metrics)

        // 3. The MX now presents a certificate for other names: Postfix defers by the policy.
        try lab.replaceCertificate(of: EndToEndLab.providerMX, names: ["elsewhere.other.test"])
        let seen = lab.attempts.count
        try lab.sender.sendmail(from: "sender@sender.lab.test", to: [second], subject: "after")
        let deferred = try XCTUnwrap(try lab.waitForAttempts([second], skipping: seen)[second])
        XCTAssertEqual(deferred.status.outcome, .deferred, deferred.transcript)
        XCTAssertTrue(deferred.status.reason.contains("Server certificate not verified"), deferred.transcript)

        // 4. The next run: one policy deferral for the key, with its time, in metrics and status.
        let watched = try lab.sync()
        XCTAssertEqual(watched.exitStatus, 0, watched.stderrText)
        XCTAssertTrue(watched.stderrText.contains("policy deferrals for good.test"), watched.stderrText)
        metrics = try String(contentsOfFile: metricsPath, encoding: .utf8)
        XCTAssertTrue(metrics.contains("tls_policy_agent_policy_deferrals_total{key=\"good.test\"} 1\n"), metrics)
        XCTAssertTrue(metrics.contains("tls_policy_agent_deliveries_total{key=\"good.test\"} 1\n"), metrics)
        let lastSeen = try XCTUnwrap(metrics.split(separator: "\n")
            .first { $0.hasPrefix("tls_policy_agent_policy_deferral_last_seen_seconds{key=\"good.test\"} ") }, metrics)
        let seconds = try XCTUnwrap(Double(lastSeen.split(separator: " ").last ?? ""), metrics)
        XCTAssertLessThan(abs(seconds - Date().timeIntervalSince1970), 600, "the deferral's own log time: \(lastSeen)")

        let text = try lab.status(format: "text")
        XCTAssertEqual(text.exitStatus, 0, text.stderrText)
        XCTAssertTrue(text.stdoutText.contains("mail log: \(lab.sender.maillogFile.path)"), text.stdoutText)
        XCTAssertTrue(text.stdoutText.contains("\n  good.test: 1 (total 1, last "), text.stdoutText)
        XCTAssertTrue(text.stdoutText.contains("WARNING: TLS policy deferrals in the last 24 h for good.test (1)"), text.stdoutText)
        let json = try lab.status(format: "json")
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any], json.stdoutText)
        let watch = try XCTUnwrap(document["deliveryWatch"] as? [String: Any], json.stdoutText)
        let keys = try XCTUnwrap(watch["policyDeferrals"] as? [[String: Any]], json.stdoutText)
        XCTAssertEqual(keys.count, 1, json.stdoutText)
        XCTAssertEqual(keys.first?["key"] as? String, "good.test")
        XCTAssertEqual(keys.first?["deferrals24h"] as? Int, 1)

        // 5. Only domains: no local part in the metrics, the status or the state file.
        let state = try String(contentsOfFile: lab.stateDirectory + "/state.json", encoding: .utf8)
        for output in [metrics, text.stdoutText, json.stdoutText, state, watched.stderrText] {
            for address in [first, second] {
                XCTAssertFalse(output.contains(String(address.prefix { $0 != "@" })), "a local part leaked: \(output)")
            }
            XCTAssertFalse(output.contains("@good.test"), output)
        }
    }
}
