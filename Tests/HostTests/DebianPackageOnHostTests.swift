import ExternalCommand
import Foundation
import TLSPolicyLab
import XCTest

/// The agent's Debian package on a fresh Debian 12 host, the way an administrator meets it:
/// installed with dpkg (its Depends resolved by apt from the root's own cache, the network
/// off), configured as the README says, its service run under the sandbox its unit file
/// describes, deploying a signed release from a smart-HTTPS Git host on loopback and
/// feeding the host's own Postfix, which delivers to a receiver whose
/// certificate matches the deployed `secure` entry and defers to one whose does not; then
/// upgraded to a newer build, removed and purged.
final class DebianPackageOnHostTests: XCTestCase {
    private let mapDirectory = "/etc/postfix/tls-policy"
    private let map = "/etc/postfix/tls-policy/tls_policy"
    private let stateDirectory = "/var/lib/tls-policy-agent"
    private let timerLink = "/etc/systemd/system/timers.target.wants/tls-policy-agent.timer"

    func testPackageInstallsDeploysUnderItsSandboxUpgradesAndRemovesWithoutTouchingTheMap() throws {
        let inputs = try HostTestInputs.find()
        let lab = try HostLab(inputs: inputs)
        defer { lab.stop() }
        let root = lab.root
        let debs = lab.shared.appendingPathComponent("debs")
        let first = try inputs.buildPackage(into: debs)
        let newer = try inputs.buildPackage(into: debs, buildNumber: 1)
        let inside = { (deb: URL) in DebianHostRoot.sharedMountPoint + "/debs/" + deb.lastPathComponent }

        // 1. A Debian 12 host (systemd, man-db), then the package with dpkg, its Depends from apt.
        try lab.inRoot(["debconf-set-selections"], input: Data("""
            postfix postfix/main_mailer_type select Internet Site
            postfix postfix/mailname string mail.host.test

            """.utf8))
        try lab.inRoot(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q", "--no-download",
                        "--no-install-recommends", "systemd", "man-db"], timeout: 300)
        let dpkg = try root.run(["dpkg", "-i", inside(first)], timeout: 120)
        XCTAssertNotEqual(dpkg.exitStatus, 0, "a fresh host lacks the Depends: \(dpkg.stdoutText)")
        XCTAssertTrue(dpkg.stderrText.contains("depends on postfix"), dpkg.stderrText)
        try lab.inRoot(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-f", "-y", "-q", "--no-download",
                        "--no-install-recommends"], timeout: 300)
        XCTAssertEqual(try packageStatus(lab), "install ok installed \(inputs.packageVersion)")

        // Runs with no Swift toolchain anywhere on the host.
        XCTAssertFalse(root.exists("/opt/swift"), "the toolchain must not be visible inside the root")
        XCTAssertNotEqual(try root.run(["sh", "-c", "command -v swift"]).exitStatus, 0)
        XCTAssertFalse(try lab.inRoot(["ldd", "/usr/bin/tls-policy-agent"]).stdoutText.contains("not found"))
        XCTAssertEqual(try lab.inRoot(["tls-policy-agent", "--version"]).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines),
                       inputs.agentVersion)
        XCTAssertTrue(try lab.inRoot(["man", "-P", "cat", "tls-policy-agent"]).stdoutText.contains("doctor"))

        // postinst: the directories, and the timer left off; agent.cf configures nothing yet.
        XCTAssertEqual(try lab.inRoot(["stat", "-c", "%a", mapDirectory, stateDirectory]).stdoutText, "755\n700\n")
        XCTAssertFalse(root.exists(timerLink), "the package must not enable the timer before agent.cf is written")
        let example = try AgentConfigurationText.shippedExample(repositoryRoot: inputs.repositoryRoot)
        XCTAssertEqual(try root.read("/etc/tls-policy-agent/agent.cf"), example)
        let unconfigured = try root.run(["tls-policy-agent", "sync"])
        XCTAssertEqual(unconfigured.exitStatus, 2, "a configuration error is a usage error")
        XCTAssertTrue(unconfigured.stderrText.contains("agent.cf:0: required setting repository_url is missing"), unconfigured.stderrText)
        XCTAssertEqual(try lab.inRoot(["ls", "-A", mapDirectory]).stdoutText, "")

        // Both units verify with Debian's systemd (none running), and the service's exposure.
        let verify = try root.run(["systemd-analyze", "verify", "/lib/systemd/system/tls-policy-agent.service",
                                   "/lib/systemd/system/tls-policy-agent.timer"])
        XCTAssertEqual(verify.exitStatus, 0, verify.stdoutText + verify.stderrText)
        XCTAssertFalse((verify.stdoutText + verify.stderrText).contains("tls-policy-agent"), verify.stdoutText + verify.stderrText)
        let security = try lab.inRoot(["systemd-analyze", "security", "--offline=true", "--no-pager",
                                       "/lib/systemd/system/tls-policy-agent.service"])
        let exposure = try XCTUnwrap(security.stdoutText.split(separator: "\n")
            .first { $0.contains("Overall exposure level for tls-policy-agent.service") }, security.stdoutText)
        let level = exposure.components(separatedBy: ": ").last?.trimmingCharacters(in: .whitespaces) ?? ""
        print("systemd-analyze security: \(exposure)")
        let readme = String(decoding: try LabFileSystem.read(inputs.repositoryRoot.appendingPathComponent("README.md")), as: UTF8.self)
        XCTAssertTrue(readme.contains("rates it **\(level.split(separator: " ").prefix(2).joined(separator: " "))**"),
                      "README.md should quote the exposure level: \(exposure)")

        // 2. Postfix as this host's MTA: Debian's Internet Site configuration, plus the lab's
        //    DNS and CA, loopback only, a log file (there is no syslog).
        try root.write("nameserver 127.0.0.1\n", to: "/etc/resolv.conf")
        try root.write(String(decoding: try LabFileSystem.read(lab.session.ca.certificateFile), as: UTF8.self),
                       to: "/etc/postfix/lab-ca.pem")
        try lab.inRoot(["postconf", "-e", "inet_interfaces = 127.0.0.1", "inet_protocols = ipv4",
                        "maillog_file = /var/log/postfix.log", "smtp_tls_security_level = may",
                        "smtp_tls_CAfile = /etc/postfix/lab-ca.pem", "smtp_tls_loglevel = 1"])
        try lab.inRoot(["touch", "-d", "1 min ago", "/etc/postfix/main.cf"])
        try lab.inRoot(["/etc/init.d/postfix", "start"], timeout: 60)

        // 3. As the README says: the repository, the pin and the trust files in agent.cf (the
        //    release signers', and the CA of the private Git host), those files, the timer.
        //    The host canary off: this test shows Postfix deferring under a deployed entry,
        //    which the canary would hold back (EndToEndTests/HostCanaryTests tests the canary).
        let configured = try AgentConfigurationText.setting([
            "repository_url": lab.remoteURL,
            "release_tag": "v*",
            "ssh_allowed_signers": "/etc/tls-policy-agent/allowed_signers",
            "https_ca_file": "/etc/tls-policy-agent/git-ca.pem",
            // The canary is off: the test shows Postfix deferring under a deployed entry.
            "canary": "off",
            // The delivery watch reads Postfix's own log file (this host has no syslog).
            "mail_log": "/var/log/postfix.log",
        ], in: example)
        try root.write(configured, to: "/etc/tls-policy-agent/agent.cf")
        try root.write(lab.signingKey.allowedSignersLine(principal: "maintainer@example.test") + "\n",
                       to: "/etc/tls-policy-agent/allowed_signers")
        try root.write(String(decoding: try LabFileSystem.read(lab.session.ca.certificateFile), as: UTF8.self),
                       to: "/etc/tls-policy-agent/git-ca.pem")
        try lab.inRoot(["systemctl", "enable", "tls-policy-agent.timer"])
        XCTAssertTrue(root.exists(timerLink))

        // The emulated sandbox is real: beside main.cf nothing is writable, in the map's directory it is.
        let sandbox = try lab.sandbox()
        let denied = try root.run(sandbox.launchCommand(running: ["touch", "/etc/postfix/tls_policy"]))
        XCTAssertNotEqual(denied.exitStatus, 0)
        XCTAssertTrue(denied.stderrText.contains("Read-only file system"), denied.stderrText)
        XCTAssertEqual(try root.run(sandbox.launchCommand(running: ["touch", "\(mapDirectory)/probe"])).exitStatus, 0)
        try lab.inRoot(["rm", "\(mapDirectory)/probe"])

        // 4. The service under its sandbox deploys the signed release and reloads Postfix.
        try lab.publish("v1.0.0")
        // The map beside main.cf, as the old example had it, cannot be deployed there.
        let oldPath = try lab.runService(extraArguments: ["--policy-map", "hash:/etc/postfix/tls_policy"])
        XCTAssertEqual(oldPath.exitStatus, 2, "a map directory it cannot write is an I/O error: \(oldPath.stdoutText)")
        XCTAssertTrue(oldPath.stderrText.contains("Read-only file system"), oldPath.stderrText)
        let oldDoctor = try root.run(["tls-policy-agent", "doctor", "--policy-map", "hash:/etc/postfix/tls_policy"])
        XCTAssertTrue(oldDoctor.stdoutText.contains("FAIL tls-policy-agent.service may not write the map's directory /etc/postfix, "
            + "Postfix's configuration directory: give the map a directory of its own"), oldDoctor.stdoutText)
        let reloadsBefore = reloads(lab)
        let deploy = try lab.runService()
        XCTAssertEqual(deploy.exitStatus, 0, deploy.stderrText)
        XCTAssertTrue(deploy.stdoutText.hasPrefix("deployed v1.0.0"), deploy.stdoutText + deploy.stderrText)
        XCTAssertEqual(try lab.inRoot(["postmap", "-q", "good.test", "hash:\(map)"]).stdoutText, "secure match=.provider.test\n")
        XCTAssertGreaterThan(reloads(lab), reloadsBefore, "the agent reloads the running Postfix")

        // The main.cf line, then doctor is clean and status shows the release.
        try lab.inRoot(["postconf", "-e", "smtp_tls_policy_maps = hash:\(map)"])
        try lab.inRoot(["touch", "-d", "1 min ago", "/etc/postfix/main.cf"])
        try lab.inRoot(["postfix", "reload"])
        let doctor = try root.run(["tls-policy-agent", "doctor"])
        XCTAssertEqual(doctor.exitStatus, 0, doctor.stdoutText + doctor.stderrText)
        XCTAssertFalse(doctor.stdoutText.contains("FAIL"), doctor.stdoutText)
        XCTAssertTrue(doctor.stdoutText.contains("ok   mail_log /var/log/postfix.log is readable"), doctor.stdoutText)
        XCTAssertTrue(doctor.stdoutText.contains("smtp_tls_policy_maps names hash:\(map), the only policy map"), doctor.stdoutText)
        XCTAssertTrue(doctor.stdoutText.contains("tls-policy-agent.service may write the map's directory \(mapDirectory)"),
                      doctor.stdoutText)
        let status = try lab.inRoot(["tls-policy-agent", "status"])
        XCTAssertTrue(status.stdoutText.contains("release: v1.0.0"), status.stdoutText)

        // 5. The host's Postfix enforces the deployed entries.
        let firstRun = try lab.deliver(to: ["user@good.test", "user@moved.test"], skipping: lab.deliveries.count)
        let good = try XCTUnwrap(firstRun["user@good.test"])
        XCTAssertEqual(good.outcome, .sent, good.line)
        XCTAssertEqual(good.relay, "\(HostLab.providerMX)[127.0.0.2]:25", good.line)
        let moved = try XCTUnwrap(firstRun["user@moved.test"])
        XCTAssertEqual(moved.outcome, .deferred, moved.line)
        XCTAssertTrue(moved.reason.contains("Server certificate not verified"), moved.line)

        // 6. A newer build over it: agent.cf and state kept, the next sync a no-op.
        let stateBefore = try fingerprint(lab, stateDirectory)
        let upgrade = try root.run(["env", "DEBIAN_FRONTEND=noninteractive", "dpkg", "-i", inside(newer)], timeout: 120)
        XCTAssertEqual(upgrade.exitStatus, 0, upgrade.stdoutText + upgrade.stderrText)
        XCTAssertEqual(try packageStatus(lab), "install ok installed \(inputs.packageVersion)+b1")
        XCTAssertEqual(try root.read("/etc/tls-policy-agent/agent.cf"), configured, "the upgrade keeps the edited agent.cf")
        XCTAssertEqual(try fingerprint(lab, stateDirectory), stateBefore, "the upgrade keeps the state")
        XCTAssertTrue(root.exists(timerLink), "the upgrade keeps the timer as the operator set it")
        let reloadsAfterUpgrade = reloads(lab)
        let noop = try lab.runService()
        XCTAssertEqual(noop.exitStatus, 0, noop.stderrText)
        XCTAssertTrue(noop.stdoutText.hasPrefix("unchanged v1.0.0"), noop.stdoutText + noop.stderrText)
        XCTAssertEqual(reloads(lab), reloadsAfterUpgrade, "a no-op sync does not reload Postfix")
        // The no-op run's delivery watch, under the sandbox, read the host's log: the deferral above.
        let watched = try lab.inRoot(["tls-policy-agent", "status"])
        XCTAssertTrue(watched.stdoutText.contains("mail log: /var/log/postfix.log, read "), watched.stdoutText)
        XCTAssertTrue(watched.stdoutText.contains("\n  moved.test: 1 (total 1, last "), watched.stdoutText)
        XCTAssertFalse(watched.stdoutText.contains("could not read the mail log"), watched.stdoutText)

        // 7. dpkg -r: the timer disabled, the map kept, Postfix still delivering with it.
        let mapBefore = try fingerprint(lab, mapDirectory)
        let remove = try root.run(["dpkg", "-r", "tls-policy-agent"], timeout: 120)
        XCTAssertEqual(remove.exitStatus, 0, remove.stdoutText + remove.stderrText)
        XCTAssertTrue(remove.stdoutText.contains("left the deployed map in place"), remove.stdoutText)
        XCTAssertFalse(root.exists("/usr/bin/tls-policy-agent"))
        XCTAssertFalse(root.exists(timerLink), "remove disables the timer")
        XCTAssertEqual(try fingerprint(lab, mapDirectory), mapBefore, "remove never touches the deployed map")
        let afterRemove = try lab.deliver(to: ["user@good.test"], skipping: lab.deliveries.count)
        XCTAssertEqual(afterRemove["user@good.test"]?.outcome, .sent, afterRemove["user@good.test"]?.line ?? "")

        // 8. dpkg -P: the state goes, what is left is said.
        let purge = try root.run(["dpkg", "-P", "tls-policy-agent"], timeout: 120)
        XCTAssertEqual(purge.exitStatus, 0, purge.stdoutText + purge.stderrText)
        XCTAssertFalse(root.exists(stateDirectory), "purge removes the state directory")
        XCTAssertTrue(purge.stdoutText.contains("removed its state, \(stateDirectory)"), purge.stdoutText)
        XCTAssertTrue(purge.stdoutText.contains("  \(map).db"), purge.stdoutText)
        XCTAssertTrue(purge.stdoutText.contains("  /etc/tls-policy-agent/allowed_signers"), purge.stdoutText)
        XCTAssertTrue(root.exists("/etc/tls-policy-agent/allowed_signers"), "purge leaves the files the operator added")
        XCTAssertEqual(try fingerprint(lab, mapDirectory), mapBefore, "purge never touches the deployed map")
        XCTAssertFalse(root.exists("/etc/tls-policy-agent/agent.cf"), "purge removes the conffile")
    }

    private func packageStatus(_ lab: HostLab) throws -> String {
        try lab.inRoot(["dpkg-query", "-W", "-f", "${Status} ${Version}", "tls-policy-agent"]).stdoutText
    }

    /// The files under `directory` with their checksums, to tell whether anything changed.
    private func fingerprint(_ lab: HostLab, _ directory: String) throws -> String {
        try lab.inRoot(["sh", "-c", "cd \"$1\" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r md5sum", "fingerprint", directory])
            .stdoutText
    }

    /// How many times the root's Postfix master has reloaded, from its log.
    private func reloads(_ lab: HostLab) -> Int {
        ((try? lab.root.read("/var/log/postfix.log")) ?? "").split(separator: "\n").filter { $0.contains("reload -- version") }.count
    }
}
