import Foundation
import TLSPolicyLab
import XCTest

/// The host canary through the real agent and a real Postfix, in one lab: a new `secure`
/// line whose MX presents a certificate for another name is held (left out of the live map;
/// mail still goes out opportunistically) and named by `status` and the metrics; once the
/// receiver presents a matching certificate the next sync of the same release enforces it;
/// a changed line that would defer keeps its live line; `canary = report` deploys and
/// reports; a no-op sync probes nothing.
final class HostCanaryTests: XCTestCase {
    private static let header = "# Provider: Lab\n# Evidence: TLSPolicyLab, host canary test\n\n"

    func testALineThatWouldDeferIsHeldUntilItPassesAndReportModeDeploysIt() throws {
        let lab = try EndToEndLab()
        defer { lab.stop() }

        // 1. A first release whose one line passes from this host: probed, deployed.
        try lab.release("v1.0.0", files: ["policy/lab.policy": Self.header + "good.test secure match=.provider.test\n"])
        let first = try lab.sync()
        XCTAssertEqual(first.exitStatus, 0, first.stderrText)
        XCTAssertTrue(first.stdoutText.hasPrefix("deployed v1.0.0"), first.stdoutText)
        XCTAssertEqual(try lab.deployedValue("good.test"), "secure match=.provider.test")
        XCTAssertTrue(first.stderrText.contains("canary probed"), first.stderrText)
        let firstMetrics = try metrics(lab)
        XCTAssertTrue(firstMetrics.contains("tls_policy_agent_step_total{step=\"canary\",outcome=\"success\"} 1"),
                      firstMetrics)

        // The same release again is a no-op: nothing probed.
        let noop = try lab.sync()
        XCTAssertTrue(noop.stdoutText.hasPrefix("unchanged v1.0.0"), noop.stdoutText + noop.stderrText)
        let afterNoop = try metrics(lab)
        XCTAssertTrue(afterNoop.contains("tls_policy_agent_step_total{step=\"canary\",outcome=\"success\"} 1"), afterNoop)
        XCTAssertTrue(afterNoop.contains("tls_policy_agent_step_total{step=\"canary\",outcome=\"noop\"} 1"), afterNoop)
        XCTAssertFalse(noop.stderrText.contains("canary probed"), noop.stderrText)

        // 2. A release that changes good.test to a line its MX fails and adds canary.test,
        //    whose MX presents a certificate for another name: both held, the rest deploys.
        try lab.release("v1.1.0", files: ["policy/lab.policy": Self.header + """
            canary.test secure
            good.test secure match=mx9.provider.test
            stripped.test may

            """])
        let held = try lab.sync()
        XCTAssertEqual(held.exitStatus, 0, held.stderrText)
        XCTAssertTrue(held.stdoutText.hasPrefix("deployed v1.1.0"), held.stdoutText)
        XCTAssertTrue(held.stdoutText.hasSuffix(", 2 held by the host canary (canary.test, good.test)\n"), held.stdoutText)
        XCTAssertNil(try lab.deployedValue("canary.test"), "a new key that would defer stays out")
        XCTAssertEqual(try lab.deployedValue("good.test"), "secure match=.provider.test", "a changed key keeps its live line")
        XCTAssertEqual(try lab.deployedValue("stripped.test"), "may", "every other line deploys")
        XCTAssertTrue(held.stderrText.contains("canary: holding a line that would defer mail from this host"), held.stderrText)
        // Two lines probed: the `may` line cannot defer mail, so it is not.
        XCTAssertTrue(held.stderrText.contains("canary [command=sync held=2 mode=hold probed=2 reported=0]"), held.stderrText)

        let status = try lab.status()
        XCTAssertTrue(status.stdoutText.contains("canary held: canary.test secure (release v1.1.0; live: none): "),
                      status.stdoutText)
        XCTAssertTrue(status.stdoutText.contains(
            "canary held: good.test secure match=mx9.provider.test (release v1.1.0; live: secure match=.provider.test): "),
                      status.stdoutText)
        XCTAssertTrue(status.stdoutText.contains("canary.test secure (release v1.1.0; live: none): mx.canary.test: "
            + "server certificate verification failed for mx.canary.test[127.0.0.5]:25: num=62:hostname mismatch "
            + "[certificate-host-mismatch]"), status.stdoutText)
        XCTAssertTrue(status.stdoutText.contains("WARNING: the host canary holds 2 line(s) that would defer mail from this host: "
            + "canary.test, good.test"), status.stdoutText)
        XCTAssertEqual(try heldKeys(lab), ["canary.test", "good.test"])
        let heldMetrics = try metrics(lab)
        XCTAssertTrue(heldMetrics.contains("tls_policy_agent_canary_held_entries 2\n"), heldMetrics)
        XCTAssertTrue(heldMetrics.contains(
            "tls_policy_agent_canary_failing_entries{action=\"held\",reason=\"certificate-host-mismatch\"} 2\n"), heldMetrics)

        // Mail to the held domain still goes out, opportunistically, as before the release.
        try lab.sender.sendmail(from: "sender@sender.lab.test", to: ["user@canary.test"], subject: "while held")
        let opportunistic = try XCTUnwrap(try lab.waitForAttempts(["user@canary.test"])["user@canary.test"])
        XCTAssertEqual(opportunistic.status.outcome, .sent, opportunistic.transcript)
        XCTAssertTrue(opportunistic.transcript.contains("Trusted TLS connection established to mx.canary.test[127.0.0.5]:25"),
                      opportunistic.transcript)

        // 3. The receiver gets a matching certificate: the next sync, same release, enforces it.
        try lab.replaceCertificate(of: EndToEndLab.canaryMX, names: [EndToEndLab.canaryMX])
        let fixed = try lab.sync()
        XCTAssertEqual(fixed.exitStatus, 0, fixed.stderrText)
        XCTAssertTrue(fixed.stdoutText.hasPrefix("deployed v1.1.0"), fixed.stdoutText)
        XCTAssertEqual(try lab.deployedValue("canary.test"), "secure")
        XCTAssertEqual(try lab.deployedValue("good.test"), "secure match=.provider.test", "still held")
        XCTAssertEqual(try heldKeys(lab), ["good.test"])
        let seen = lab.attempts.count
        try lab.sender.sendmail(from: "sender@sender.lab.test", to: ["user@canary.test"], subject: "enforced")
        let verified = try XCTUnwrap(try lab.waitForAttempts(["user@canary.test"], skipping: seen)["user@canary.test"])
        XCTAssertEqual(verified.status.outcome, .sent, verified.transcript)
        XCTAssertTrue(verified.transcript.contains("Verified TLS connection established to mx.canary.test[127.0.0.5]:25"),
                      verified.transcript)

        // 4. canary = report: everything deploys, the failing line is reported, nothing held.
        let reported = try lab.sync(["--canary", "report"])
        XCTAssertEqual(reported.exitStatus, 0, reported.stderrText)
        XCTAssertEqual(try lab.deployedValue("good.test"), "secure match=mx9.provider.test")
        let reportStatus = try lab.status()
        XCTAssertTrue(reportStatus.stdoutText.contains(
            "canary reported: good.test secure match=mx9.provider.test (release v1.1.0, deployed): "), reportStatus.stdoutText)
        XCTAssertFalse(reportStatus.stdoutText.contains("canary held:"), reportStatus.stdoutText)
        XCTAssertEqual(try heldKeys(lab), [])
        let reportMetrics = try metrics(lab)
        XCTAssertTrue(reportMetrics.contains("tls_policy_agent_canary_held_entries 0\n"), reportMetrics)
        XCTAssertTrue(reportMetrics.contains(
            "tls_policy_agent_canary_failing_entries{action=\"reported\",reason=\"certificate-host-mismatch\"} 1\n"), reportMetrics)

        // 5. The canary probes as this host's Postfix is configured now, read on every sync:
        //    with smtp_tls_CAfile emptied, nothing this Postfix reads trusts the lab's CA, so a
        //    new `secure` line whose MX presents a certificate from it would defer, and is held.
        try lab.sender.setParameters(["smtp_tls_CAfile": ""])
        try lab.release("v1.2.0", files: ["policy/lab.policy": Self.header + """
            canary.test secure
            good.test secure match=mx9.provider.test
            plain.test secure match=mx.hosting.test
            stripped.test may

            """])
        let untrusted = try lab.sync()
        XCTAssertEqual(untrusted.exitStatus, 0, untrusted.stderrText)
        XCTAssertNil(try lab.deployedValue("plain.test"))
        XCTAssertEqual(try heldKeys(lab), ["plain.test"])
        let untrustedStatus = try lab.status()
        XCTAssertTrue(untrustedStatus.stdoutText.contains(
            "canary held: plain.test secure match=mx.hosting.test (release v1.2.0; live: none): mx.hosting.test: "
            + "certificate verification failed for mx.hosting.test[127.0.0.3]:25: untrusted issuer"),
                      untrustedStatus.stdoutText)

        // 6. A new line whose MX never answers: nothing is known, and mail would not go out
        //    with or without the line, so it deploys unverified, within the canary's bound.
        try lab.release("v1.3.0", files: ["policy/lab.policy": Self.header + """
            canary.test secure
            good.test secure match=mx9.provider.test
            plain.test secure match=mx.hosting.test
            stall.test encrypt
            stripped.test may

            """])
        let started = Date()
        let silent = try lab.sync(["--canary-timeout", "2s"])
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(silent.exitStatus, 0, silent.stderrText)
        XCTAssertLessThan(elapsed, 15, "canary_timeout bounds the probe of a server that never answers")
        XCTAssertEqual(try lab.deployedValue("stall.test"), "encrypt")
        XCTAssertEqual(try heldKeys(lab), ["plain.test"])
        XCTAssertTrue(try lab.status().stdoutText.contains("canary unverified: 1 line(s) deployed without a verdict"))
        XCTAssertTrue(try metrics(lab).contains("tls_policy_agent_canary_unverified_entries 1\n"))
    }

    private func metrics(_ lab: EndToEndLab) throws -> String {
        String(decoding: try LabFileSystem.read(URL(fileURLWithPath: lab.metricsPath)), as: UTF8.self)
    }

    /// The held keys `status --format json` lists.
    private func heldKeys(_ lab: EndToEndLab) throws -> [String] {
        let status = try lab.status(["--format", "json"])
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(status.stdout)) as? [String: Any],
                                     status.stdoutText)
        let held = (document["canary"] as? [String: Any])?["held"] as? [[String: Any]] ?? []
        return held.compactMap { $0["key"] as? String }
    }
}
