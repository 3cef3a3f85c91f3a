import Foundation
import TLSPolicyLab
import XCTest

/// The proof the project exists for: a real Postfix, whose TLS policy table is deployed by
/// `tls-policy-agent sync` from a signed release, defers mail where delivery would be
/// unsafe, delivers the rest, and delivers the deferred mail once a release carrying the
/// line `probe` suggested is deployed. Everything runs on loopback in one lab namespace.
final class AgentFedPostfixTests: XCTestCase {
    private static let firstRelease = [
        "policy/provider.policy": """
            # Provider: Provider
            # Evidence: TLSPolicyLab, end-to-end test

            good.test secure match=.provider.test
            moved.test secure match=.provider.test

            """,
        "policy/stripped.policy": """
            # Provider: Stripped
            # Evidence: TLSPolicyLab, end-to-end test

            stripped.test encrypt

            """,
    ]

    func testAgentDeployedPolicyDefersUnsafeMailAndAFixedReleaseDeliversIt() throws {
        let lab = try EndToEndLab()
        defer { lab.stop() }

        // 1. The agent deploys the first signed release into the running sender. With the
        //    host canary off: this test is about Postfix enforcing what was deployed (the
        //    canary would hold moved.test and stripped.test; see HostCanaryTests).
        try lab.release("v1.0.0", files: Self.firstRelease)
        let reloads = lab.reloadCount
        let first = try lab.sync(["--canary", "off"])
        XCTAssertEqual(first.exitStatus, 0, first.stderrText)
        XCTAssertTrue(first.stdoutText.hasPrefix("deployed v1.0.0"), first.stdoutText)
        XCTAssertEqual(try lab.deployedValue("moved.test"), "secure match=.provider.test")
        XCTAssertTrue(lab.waitForReloads(reloads + 1), "the agent reloads Postfix after deploying")

        // 2. One message per domain, each looked up by its domain through the lab's DNS.
        let recipients = ["good", "moved", "stripped", "plain", "legacy"].map { "user@\($0).test" }
        for recipient in recipients {
            try lab.sender.sendmail(from: "sender@sender.lab.test", to: [recipient], subject: "to \(recipient)")
        }
        let firstRun = try lab.waitForAttempts(recipients)

        let good = try XCTUnwrap(firstRun["user@good.test"])
        XCTAssertEqual(good.status.outcome, .sent, good.transcript)
        XCTAssertEqual(good.status.relay, "mx1.provider.test[127.0.0.2]:25", good.transcript)
        XCTAssertTrue(good.transcript.contains("Verified TLS connection established to mx1.provider.test[127.0.0.2]:25"),
                      good.transcript)

        // The same kind of entry facing a certificate for other names: Postfix's own reason.
        let moved = try XCTUnwrap(firstRun["user@moved.test"])
        XCTAssertEqual(moved.status.outcome, .deferred, moved.transcript)
        XCTAssertTrue(moved.status.reason.contains("Server certificate not verified"), moved.transcript)
        XCTAssertTrue(moved.transcript.contains("mx.hosting.test[127.0.0.3]:25: num=62:hostname mismatch"), moved.transcript)

        let stripped = try XCTUnwrap(firstRun["user@stripped.test"])
        XCTAssertEqual(stripped.status.outcome, .deferred, stripped.transcript)
        XCTAssertTrue(stripped.status.reason.contains("TLS is required, but was not offered by host mx.stripped.test[127.0.0.4]"),
                      stripped.transcript)

        // Without an entry Postfix stays opportunistic: the very servers that just deferred
        // mail for enforcing entries take it, over unverified TLS or in clear text.
        let plain = try XCTUnwrap(firstRun["user@plain.test"])
        XCTAssertEqual(plain.status.outcome, .sent, plain.transcript)
        XCTAssertTrue(plain.transcript.contains("Trusted TLS connection established to mx.hosting.test[127.0.0.3]:25"),
                      plain.transcript)
        let legacy = try XCTUnwrap(firstRun["user@legacy.test"])
        XCTAssertEqual(legacy.status.outcome, .sent, legacy.transcript)
        XCTAssertEqual(legacy.status.relay, "mx.stripped.test[127.0.0.4]:25", legacy.transcript)
        XCTAssertFalse(legacy.transcript.contains("TLS connection established"), legacy.transcript)

        // 3. probe, the built validator, finds the failing entries and suggests a line for the stale one.
        let files = Self.firstRelease.keys.sorted().map { lab.repository.directory.appendingPathComponent($0) }
        let probe = try lab.probe(files)
        XCTAssertEqual(probe.exitStatus, 1, "an entry fails: " + probe.stderrText)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(probe.stdout)) as? [String: Any], probe.stdoutText)
        let entries = try XCTUnwrap(document["entries"] as? [[String: Any]], probe.stdoutText)
        let byKey = Dictionary(entries.compactMap { entry in (entry["key"] as? String).map { ($0, entry) } }) { first, _ in first }
        XCTAssertEqual(byKey["good.test"]?["verdict"] as? String, "pass", probe.stdoutText)
        XCTAssertEqual(byKey["stripped.test"]?["verdict"] as? String, "fail", probe.stdoutText)
        let movedEntry = try XCTUnwrap(byKey["moved.test"], probe.stdoutText)
        XCTAssertEqual(movedEntry["verdict"] as? String, "fail", probe.stdoutText)
        let failures = try XCTUnwrap(movedEntry["failures"] as? [[String: Any]], probe.stdoutText)
        XCTAssertEqual(failures.first?["resultType"] as? String, "certificate-host-mismatch", probe.stdoutText)
        let suggestion = try XCTUnwrap((movedEntry["suggestion"] as? [String: Any])?["line"] as? String, probe.stdoutText)
        XCTAssertTrue(suggestion.hasPrefix("moved.test secure match="), suggestion)
        XCTAssertNotEqual(suggestion, "moved.test secure match=.provider.test")
        let suggestedValue = String(suggestion.dropFirst("moved.test ".count))

        // 4. A new signed release carries the suggested line; the agent deploys it.
        var fixed = Self.firstRelease
        fixed["policy/provider.policy"] = fixed["policy/provider.policy"]?
            .replacingOccurrences(of: "moved.test secure match=.provider.test", with: suggestion)
        try lab.release("v1.1.0", files: fixed)
        let reloadsBeforeFix = lab.reloadCount
        let second = try lab.sync(["--canary", "off"])
        XCTAssertEqual(second.exitStatus, 0, second.stderrText)
        XCTAssertTrue(second.stdoutText.hasPrefix("deployed v1.1.0"), second.stdoutText)
        XCTAssertEqual(try lab.deployedValue("moved.test"), suggestedValue)
        XCTAssertEqual(try lab.deployedValue("stripped.test"), "encrypt")
        XCTAssertTrue(lab.waitForReloads(reloadsBeforeFix + 1), "the agent reloads Postfix after deploying")

        // 5. The next queue run delivers the deferred message, verified; the stripped one stays deferred.
        let seen = lab.attempts.count
        try lab.sender.flushQueue()
        let retry = try lab.waitForAttempts(["user@moved.test", "user@stripped.test"], skipping: seen)
        let delivered = try XCTUnwrap(retry["user@moved.test"])
        XCTAssertEqual(delivered.status.outcome, .sent, delivered.transcript)
        XCTAssertNotNil(moved.queueID, moved.transcript)
        XCTAssertEqual(delivered.queueID, moved.queueID, "the message deferred before is the one delivered")
        XCTAssertTrue(delivered.transcript.contains("Verified TLS connection established to mx.hosting.test[127.0.0.3]:25"),
                      delivered.transcript)
        let stillStripped = try XCTUnwrap(retry["user@stripped.test"])
        XCTAssertEqual(stillStripped.status.outcome, .deferred, stillStripped.transcript)
    }
}
