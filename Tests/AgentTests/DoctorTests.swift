import Foundation
import PolicyDeploy
import PolicySync
import TLSPolicyLab
import XCTest

/// `doctor`: where the agent's map stands in smtp_tls_policy_maps (which map answers
/// first), and whether the installed unit lets the service write what the agent writes.
final class DoctorTests: AgentLabTestCase {
    private let map = MapLocation(type: .hash, path: "/etc/postfix/tls-policy/tls_policy")

    // MARK: smtp_tls_policy_maps

    func testMapAfterAnMTASTSResolverIsFoundAndTheResolverAnswersFirst() {
        let list = PolicyMapList(parsing: "socketmap:inet:127.0.0.1:8461:postfix, hash:/etc/postfix/tls-policy/tls_policy")
        XCTAssertEqual(list.maps, ["socketmap:inet:127.0.0.1:8461:postfix", "hash:/etc/postfix/tls-policy/tls_policy"])
        let check = list.check(for: map)
        XCTAssertEqual(check.passed, true, check.message)
        XCTAssertTrue(check.message.contains("map 2 of 2: socketmap:inet:127.0.0.1:8461:postfix answers first"), check.message)
    }

    func testMapBeforeOtherMapsAnswersFirstAndProxyAndInlineFormsAreRead() {
        let list = PolicyMapList(parsing: "proxy:hash:/etc/postfix/tls-policy/tls_policy\n  inline:{ a.example=encrypt, b.example=may }  socketmap:unix:/run/sts:postfix")
        XCTAssertEqual(list.maps.count, 3, "\(list.maps)")
        XCTAssertEqual(list.maps[1], "inline:{ a.example=encrypt, b.example=may }")
        let check = list.check(for: map)
        XCTAssertEqual(check.passed, true, check.message)
        XCTAssertTrue(check.message.contains("map 1 of 3: it answers first"), check.message)
    }

    func testAnotherMapOfTheSameFileOrAnotherTypeIsNotTheAgentsMap() {
        for value in ["", "hash:/etc/postfix/tls_policy", "lmdb:/etc/postfix/tls-policy/tls_policy",
                      "hash:/etc/postfix/tls-policy/tls_policy.db"] {
            let check = PolicyMapList(parsing: value).check(for: map)
            XCTAssertEqual(check.passed, false, "\(value): \(check.message)")
            XCTAssertTrue(check.message.contains("does not name hash:/etc/postfix/tls-policy/tls_policy"), check.message)
        }
    }

    /// Through the real binary and the real postconf: a map written with a `$name` that
    /// only `postconf -x` expands, after a socketmap resolver.
    func testDoctorExpandsMainCfAndSaysWhichMapAnswersFirst() throws {
        let lab = try lab()
        let fixture = try SyncFixture(lab: lab)
        try fixture.release("v1.0.0")
        XCTAssertEqual(try fixture.agent("sync").exitStatus, 0)
        let directory = URL(fileURLWithPath: fixture.mapPath).deletingLastPathComponent().path
        try lab.postfix.setParameters([
            "tls_policy_directory": directory,
            "smtp_tls_policy_maps": "socketmap:inet:127.0.0.1:8461:postfix, hash:${tls_policy_directory}/tls_policy",
        ])
        defer { try? lab.postfix.setParameters(["smtp_tls_policy_maps": ""]) }
        let after = try fixture.agent("doctor")
        XCTAssertTrue(after.stdoutText.contains("ok   smtp_tls_policy_maps names hash:\(fixture.mapPath), map 2 of 2: "
            + "socketmap:inet:127.0.0.1:8461:postfix answers first"), after.stdoutText)
        XCTAssertEqual(after.exitStatus, 0, after.stdoutText + after.stderrText)
        // The delivery watch's log: mail_log is unset in the fixture, so the journal (or
        // /var/log/mail.log where it exists), and the last sync read it.
        XCTAssertTrue(after.stdoutText.contains("ok   mail_log "), after.stdoutText)
        XCTAssertFalse(after.stdoutText.contains("the last run could not read"), after.stdoutText)

        try lab.postfix.setParameters([
            "smtp_tls_policy_maps": "hash:$tls_policy_directory/tls_policy socketmap:inet:127.0.0.1:8461:postfix",
        ])
        let before = try fixture.agent("doctor")
        XCTAssertTrue(before.stdoutText.contains("map 1 of 2: it answers first"), before.stdoutText)
    }

    // MARK: The unit's sandbox

    private func configuration(map: String, extra: String = "") throws -> AgentConfiguration {
        try AgentConfiguration.parse("""
            repository_url = https://git.example/p.git
            release_tag = v*
            ssh_allowed_signers = /etc/tls-policy-agent/allowed_signers
            policy_map = hash:\(map)
            \(extra)
            """, file: "agent.cf")
    }

    /// A unit directory (as /lib/systemd/system) and an override directory (as /etc/systemd/system).
    private func unitDirectories(unit: String, dropIn: String? = nil) throws -> (search: [String], scratch: URL) {
        let scratch = try LabFileSystem.makeTemporaryDirectory(prefix: "doctor-unit")
        let vendor = scratch.appendingPathComponent("lib")
        let admin = scratch.appendingPathComponent("etc")
        try LabFileSystem.createDirectory(vendor)
        try LabFileSystem.createDirectory(admin)
        try LabFileSystem.write(unit, to: vendor.appendingPathComponent("tls-policy-agent.service"))
        if let dropIn {
            let directory = admin.appendingPathComponent("tls-policy-agent.service.d")
            try LabFileSystem.createDirectory(directory)
            try LabFileSystem.write(dropIn, to: directory.appendingPathComponent("override.conf"))
        }
        return ([admin.path, vendor.path], scratch)
    }

    func testAMapDirectoryOutsideReadWritePathsFailsAndADropInFixesIt() throws {
        let scratch = try LabFileSystem.makeTemporaryDirectory(prefix: "doctor-maps")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let allowed = scratch.appendingPathComponent("allowed")
        let elsewhere = scratch.appendingPathComponent("elsewhere")
        try LabFileSystem.createDirectory(allowed)
        try LabFileSystem.createDirectory(elsewhere)
        let state = scratch.appendingPathComponent("state")
        try LabFileSystem.createDirectory(state)
        let unit = """
            [Service]
            ExecStart=/usr/bin/tls-policy-agent sync
            ProtectSystem=strict
            ReadWritePaths=-\(allowed.path) \\
              -\(state.path)
            """
        let units = try unitDirectories(unit: unit)
        defer { try? FileManager.default.removeItem(at: units.scratch) }

        let good = WritableDirectoriesCheck.run(try configuration(map: allowed.path + "/tls_policy", extra: "state_directory = \(state.path)"),
                                               unitSearchPath: units.search)
        XCTAssertTrue(good.allSatisfy { $0.passed }, good.map(\.message).joined(separator: "\n"))
        XCTAssertTrue(good.contains { $0.message.contains("may write the map's directory \(allowed.path)") }, good.map(\.message).joined(separator: "\n"))

        let bad = WritableDirectoriesCheck.run(try configuration(map: elsewhere.path + "/tls_policy", extra: "state_directory = \(state.path)"),
                                              unitSearchPath: units.search)
        let failure = try XCTUnwrap(bad.first { !$0.passed }, bad.map(\.message).joined(separator: "\n"))
        XCTAssertTrue(failure.message.contains("may not write the map's directory \(elsewhere.path): ProtectSystem=strict"), failure.message)
        XCTAssertTrue(failure.message.contains("ReadWritePaths=-\(elsewhere.path)"), failure.message)

        let fixed = try unitDirectories(unit: unit, dropIn: "[Service]\nReadWritePaths=-\(elsewhere.path)\n")
        defer { try? FileManager.default.removeItem(at: fixed.scratch) }
        let withDropIn = WritableDirectoriesCheck.run(try configuration(map: elsewhere.path + "/tls_policy", extra: "state_directory = \(state.path)"),
                                                     unitSearchPath: fixed.search)
        XCTAssertTrue(withDropIn.allSatisfy { $0.passed }, withDropIn.map(\.message).joined(separator: "\n"))
    }

    func testMissingDirectoriesARequiredMissingPathAndAMaskedUnitFail() throws {
        let scratch = try LabFileSystem.makeTemporaryDirectory(prefix: "doctor-missing")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let missing = scratch.appendingPathComponent("no-such-dir").path
        let units = try unitDirectories(unit: "[Service]\nProtectSystem=strict\nReadWritePaths=\(missing)\nStateDirectory=tls-policy-agent\n")
        defer { try? FileManager.default.removeItem(at: units.scratch) }
        let checks = WritableDirectoriesCheck.run(try configuration(map: missing + "/tls_policy"), unitSearchPath: units.search)
        let text = checks.map(\.message).joined(separator: "\n")
        XCTAssertTrue(text.contains("ReadWritePaths=\(missing) does not exist, so tls-policy-agent.service cannot start"), text)
        XCTAssertTrue(text.contains("the map's directory \(missing) does not exist: create it"), text)
        // The state directory is the unit's StateDirectory=: systemd makes it.
        XCTAssertFalse(text.contains("the state directory /var/lib/tls-policy-agent does not exist"), text)

        let masked = try LabFileSystem.makeTemporaryDirectory(prefix: "doctor-masked")
        defer { try? FileManager.default.removeItem(at: masked) }
        try FileManager.default.createSymbolicLink(atPath: masked.appendingPathComponent("tls-policy-agent.service").path,
                                                   withDestinationPath: "/dev/null")
        let maskedChecks = WritableDirectoriesCheck.run(try configuration(map: scratch.path + "/tls_policy"), unitSearchPath: [masked.path])
        XCTAssertTrue(maskedChecks.contains { !$0.passed && $0.message.contains("is masked") }, maskedChecks.map(\.message).joined(separator: "\n"))
    }

    func testNoInstalledUnitIsSaidNotFailed() throws {
        let scratch = try LabFileSystem.makeTemporaryDirectory(prefix: "doctor-nounit")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let checks = WritableDirectoriesCheck.run(try configuration(map: scratch.path + "/tls_policy", extra: "state_directory = \(scratch.path)"),
                                                 unitSearchPath: [scratch.appendingPathComponent("none").path])
        XCTAssertTrue(checks.allSatisfy { $0.passed }, checks.map(\.message).joined(separator: "\n"))
        XCTAssertTrue(checks.contains { $0.message.contains("no tls-policy-agent.service on systemd's unit path") })
    }
}
