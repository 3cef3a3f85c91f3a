import ExternalCommand
import Foundation
import PolicySync
import TLSPolicyLab
import XCTest

/// `tls-policy-agent sync` deploying signed releases into a real Postfix: the map holds
/// the release with this host's overrides, and Postfix reloads exactly when it changed.
final class SyncDeployTests: AgentLabTestCase {

    func testSyncDeploysSignedReleaseWithOverridesAndReloadsOnlyOnChange() throws {
        let lab = try lab()
        let fixture = try SyncFixture(lab: lab, overrides: """
            # This host's overrides.
            local.example encrypt
            web.example may
            #@ remove removed.example

            """)
        try fixture.release("v1.0.0")
        let reloads = lab.reloadCount

        let first = try fixture.agent("sync")
        XCTAssertEqual(first.exitStatus, 0, first.stderrText)
        XCTAssertTrue(first.stdoutText.hasPrefix("deployed v1.0.0"), first.stdoutText)
        XCTAssertEqual(try fixture.lookup("gmail.example"), "secure match=.google.example")
        XCTAssertEqual(try fixture.lookup("local.example"), "encrypt", "override added")
        XCTAssertEqual(try fixture.lookup("web.example"), "may", "override replaced")
        XCTAssertNil(try fixture.lookup("removed.example"), "override removed")
        XCTAssertTrue(first.stderrText.contains("override weakens web.example"), first.stderrText)
        XCTAssertEqual(lab.waitForReloads(reloads + 1), reloads + 1, "one reload for the new map")

        let live = fixture.liveFiles
        let second = try fixture.agent("sync")
        XCTAssertEqual(second.exitStatus, 0, second.stderrText)
        XCTAssertTrue(second.stdoutText.hasPrefix("unchanged v1.0.0"), second.stdoutText)
        XCTAssertEqual(fixture.liveFiles, live)
        Thread.sleep(forTimeInterval: 1)
        XCTAssertEqual(lab.reloadCount, reloads + 1, "no reload when nothing changed")

        var files = SyncFixture.releaseOne
        files["policy/new.policy"] = "# Provider: New\n\nnew.example secure\n"
        try fixture.release("v1.1.0", files: files)
        let third = try fixture.agent("sync")
        XCTAssertEqual(third.exitStatus, 0, third.stderrText)
        XCTAssertTrue(third.stdoutText.hasPrefix("deployed v1.1.0"), third.stdoutText)
        XCTAssertEqual(try fixture.lookup("new.example"), "secure")
        XCTAssertEqual(lab.waitForReloads(reloads + 2), reloads + 2, "a reload for the changed map")

        XCTAssertEqual(try fixture.state.deployedRelease?.tag, "v1.1.0")
        let metrics = String(decoding: FileManager.default.contents(atPath: fixture.stateDirectory + "/metrics.prom") ?? Data(),
                             as: UTF8.self)
        XCTAssertTrue(metrics.contains("tls_policy_agent_sync_total{outcome=\"deployed\"} 2"), metrics)
        XCTAssertTrue(metrics.contains("tls_policy_agent_sync_total{outcome=\"unchanged\"} 1"), metrics)
        XCTAssertTrue(metrics.contains("tls_policy_agent_entries 4"), metrics)
        XCTAssertTrue(metrics.contains("tls_policy_agent_step_total{step=\"merge\",outcome=\"noop\"} 1"), metrics)
        XCTAssertTrue(metrics.contains("tls_policy_agent_step_total{step=\"deploy\",outcome=\"noop\"} 1"), metrics)
        XCTAssertTrue(metrics.contains("tls_policy_agent_release_expiry_timestamp_seconds 4070908800"), metrics)
    }

    /// The validate step lints only what the merge did not (see `RenderedTable`): the
    /// deployed map, linted whole by the validator for the host's Postfix, must be valid in
    /// both variants, with values in canonical form and `#@ dane` entries as `dane-only`
    /// where the host does DNSSEC lookups.
    func testDeployedMapIsValidForTheHostsPostfixInBothVariants() throws {
        let lab = try lab()
        let fixture = try SyncFixture(lab: lab, overrides: "#@ dane\nlocal.example SECURE  match=.local.example\nweb.example may\n")
        var files = SyncFixture.releaseOne
        files["policy/dane.policy"] = """
            # Provider: DANE

            #@ dane
            dane.example secure match=.dane.example
            MIXED.example Encrypt,protocols=>=TLSv1.2
            multi.example verify
              match=hostname

            """
        try fixture.release("v1.0.0", files: files)
        let validator = try ProductBinary.named("tls-policy-validator").url.path
        func lintMap(dnssec: Bool) throws -> CommandResult {
            try lab.namespace.run([validator, "lint", "--rules", "postfix", dnssec ? "--dnssec" : "--no-dnssec", fixture.mapPath],
                                  timeout: 60)
        }

        let pkix = try fixture.agent("sync")
        XCTAssertEqual(pkix.exitStatus, 0, pkix.stderrText)
        XCTAssertEqual(try fixture.lookup("dane.example"), "secure match=.dane.example")
        XCTAssertEqual(try fixture.lookup("mixed.example"), "encrypt protocols=>=TLSv1.2")
        XCTAssertEqual(try fixture.lookup("multi.example"), "verify match=hostname")
        XCTAssertEqual(try fixture.lookup("local.example"), "secure match=.local.example")
        let pkixLint = try lintMap(dnssec: false)
        XCTAssertEqual(pkixLint.exitStatus, 0, pkixLint.stdoutText + pkixLint.stderrText)

        try lab.postfix.setParameters(["smtp_dns_support_level": "dnssec"])
        defer { try? lab.postfix.setParameters(["smtp_dns_support_level": ""]) }
        let dane = try fixture.agent("sync")
        XCTAssertEqual(dane.exitStatus, 0, dane.stderrText)
        XCTAssertTrue(dane.stdoutText.hasPrefix("deployed v1.0.0"), dane.stdoutText)
        XCTAssertEqual(try fixture.lookup("dane.example"), "dane-only")
        XCTAssertEqual(try fixture.lookup("local.example"), "dane-only")
        XCTAssertEqual(try fixture.lookup("mixed.example"), "encrypt protocols=>=TLSv1.2")
        let daneLint = try lintMap(dnssec: true)
        XCTAssertEqual(daneLint.exitStatus, 0, daneLint.stdoutText + daneLint.stderrText)
        let pkixRules = try lintMap(dnssec: false)
        XCTAssertEqual(pkixRules.exitStatus, 1, "dane-only is invalid without DNSSEC: the lint can fail")
    }

    func testChangedOverridesRedeployTheSameRelease() throws {
        let lab = try lab()
        let fixture = try SyncFixture(lab: lab, overrides: "local.example encrypt\n")
        try fixture.release("v1.0.0")
        XCTAssertEqual(try fixture.agent("sync").exitStatus, 0)
        XCTAssertEqual(try fixture.lookup("local.example"), "encrypt")
        let reloads = lab.reloadCount
        try LabFileSystem.write("local.example secure\n", to: URL(fileURLWithPath: fixture.overridesPath), backdated: true)
        let result = try fixture.agent("sync")
        XCTAssertEqual(result.exitStatus, 0, result.stderrText)
        XCTAssertTrue(result.stdoutText.hasPrefix("deployed v1.0.0"), result.stdoutText)
        XCTAssertEqual(try fixture.lookup("local.example"), "secure")
        XCTAssertEqual(lab.waitForReloads(reloads + 1), reloads + 1)
    }

    func testOpenPGPSignedReleaseDeploys() throws {
        let lab = try lab()
        let fixture = try SyncFixture(lab: lab)
        try fixture.release("v2.0.0", signing: .openPGP(lab.gnupg, fingerprint: lab.pgpFingerprint))
        let result = try fixture.agent("sync")
        XCTAssertEqual(result.exitStatus, 0, result.stderrText)
        XCTAssertEqual(try fixture.lookup("gmail.example"), "secure match=.google.example")
        let status = try fixture.agent("status", ["--format", "json"])
        XCTAssertEqual(status.exitStatus, 0, status.stderrText)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(status.stdout)) as? [String: Any])
        XCTAssertEqual(json["tag"] as? String, "v2.0.0")
        XCTAssertEqual(json["signer"] as? String, "openpgp:\(lab.pgpFingerprint)")
        XCTAssertEqual(json["entries"] as? Int, 3)
        XCTAssertNil(json["lastError"] as? String)
    }

    func testDryRunAndDiffListChangesWithoutTouchingTheMap() throws {
        let lab = try lab()
        let fixture = try SyncFixture(lab: lab)
        try fixture.release("v1.0.0")
        XCTAssertEqual(try fixture.agent("sync").exitStatus, 0)
        let live = fixture.liveFiles
        var files = SyncFixture.releaseOne
        files["policy/gmail.policy"] = "# Provider: Gmail\n\ngmail.example verify match=.google.example\n"
        files["policy/other.policy"] = "# Provider: Other\n\nweb.example encrypt\nadded.example encrypt\n"
        try fixture.release("v1.1.0", files: files)
        let reloads = lab.reloadCount

        for command in [("sync", ["--dry-run"]), ("diff", [])] {
            let result = try fixture.agent(command.0, command.1)
            XCTAssertEqual(result.exitStatus, 0, result.stderrText)
            XCTAssertTrue(result.stdoutText.contains("1 added, 1 removed, 1 changed"), result.stdoutText)
            XCTAssertTrue(result.stdoutText.contains("+ added.example encrypt"), result.stdoutText)
            XCTAssertTrue(result.stdoutText.contains("- removed.example encrypt"), result.stdoutText)
            XCTAssertTrue(result.stdoutText.contains("~ gmail.example secure match=.google.example -> verify match=.google.example"),
                          result.stdoutText)
        }
        XCTAssertEqual(fixture.liveFiles, live, "a dry run touches nothing")
        XCTAssertEqual(try fixture.state.deployedRelease?.tag, "v1.0.0")
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertEqual(lab.reloadCount, reloads)
    }

    func testVerifyReportsAcceptedAndRefusedTags() throws {
        let lab = try lab()
        let fixture = try SyncFixture(lab: lab)
        try fixture.release("v1.0.0")
        try fixture.release("v1.0.1", signing: .ssh(lab.strangerKey))
        let good = try fixture.agent("verify", ["v1.0.0"])
        XCTAssertEqual(good.exitStatus, 0, good.stderrText)
        XCTAssertTrue(good.stdoutText.contains("verified v1.0.0") && good.stdoutText.contains("ssh:maintainer@example.test"),
                      good.stdoutText)
        let bad = try fixture.agent("verify", ["v1.0.1"])
        XCTAssertEqual(bad.exitStatus, 1)
        XCTAssertTrue(bad.stderrText.contains("signature not accepted"), bad.stderrText)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.mapPath), "verify deploys nothing")
    }

    func testDoctorPassesOnAConsistentHostAndFailsOtherwise() throws {
        let lab = try lab()
        let fixture = try SyncFixture(lab: lab)
        try fixture.release("v1.0.0")
        XCTAssertEqual(try fixture.agent("sync").exitStatus, 0)

        let unnamed = try fixture.agent("doctor")
        XCTAssertEqual(unnamed.exitStatus, 1, unnamed.stdoutText)
        XCTAssertTrue(unnamed.stdoutText.contains("FAIL smtp_tls_policy_maps"), unnamed.stdoutText)

        try lab.postfix.setParameters(["smtp_tls_policy_maps": "hash:\(fixture.mapPath)"])
        defer { try? lab.postfix.setParameters(["smtp_tls_policy_maps": ""]) }
        let healthy = try fixture.agent("doctor")
        XCTAssertEqual(healthy.exitStatus, 0, healthy.stdoutText + healthy.stderrText)
        XCTAssertFalse(healthy.stdoutText.contains("FAIL"), healthy.stdoutText)

        let dane = try fixture.agent("doctor", ["--dane-mode", "on"])
        XCTAssertEqual(dane.exitStatus, 1)
        XCTAssertTrue(dane.stdoutText.contains("FAIL dane_mode = on"), dane.stdoutText)
    }
}
