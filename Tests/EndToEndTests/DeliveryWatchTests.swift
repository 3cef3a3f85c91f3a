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
        let lab = try EndToEndLab { sender, _ in
            return ["mail_log = \(sender.maillogFile.path)"]
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
        var metrics = try String(contentsOfFile: lab.metricsPath, encoding: .utf8)
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
        metrics = try String(contentsOfFile: lab.metricsPath, encoding: .utf8)
        XCTAssertTrue(metrics.contains("tls_policy_agent_policy_deferrals_total{key=\"good.test\"} 1\n"), metrics)
        XCTAssertTrue(metrics.contains("tls_policy_agent_deliveries_total{key=\"good.test\"} 1\n"), metrics)
        let lastSeen = try XCTUnwrap(metrics.split(separator: "\n")
            .first { $0.hasPrefix("tls_policy_agent_policy_deferral_last_seen_seconds{key=\"good.test\"} ") }, metrics)
        let seconds = try XCTUnwrap(Double(lastSeen.split(separator: " ").last ?? ""), metrics)
        XCTAssertLessThan(abs(seconds - Date().timeIntervalSince1970), 600, "the deferral's own log time: \(lastSeen)")

        let text = try lab.status(["--format", "text"])
        XCTAssertEqual(text.exitStatus, 0, text.stderrText)
        XCTAssertTrue(text.stdoutText.contains("mail log: \(lab.sender.maillogFile.path)"), text.stdoutText)
        XCTAssertTrue(text.stdoutText.contains("\n  good.test: 1 (total 1, last "), text.stdoutText)
        XCTAssertTrue(text.stdoutText.contains("WARNING: TLS policy deferrals in the last 24 h for good.test (1)"), text.stdoutText)
        let json = try lab.status(["--format", "json"])
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

extension DeliveryWatchTests {
    /// The journal path on a real journal file: the sender's real log lines, as journald
    /// would hold them (facility mail, identifier, PID), written by systemd-journal-remote
    /// and read by the agent through `journalctl --file` (`journal_file`). Also: a journal
    /// that cannot be read fails no sync, and a `.parent` key counts its sub-domains only.
    func testTheJournalIsReadIncrementallyAndParentKeysCountTheirSubdomains() throws {
        let journalRemote = "/lib/systemd/systemd-journal-remote"
        guard FileManager.default.isExecutableFile(atPath: journalRemote) else {
            throw XCTSkip("\(journalRemote) is not installed (Debian package systemd-journal-remote, scripts/setup)")
        }
        var journal = ""
        let lab = try EndToEndLab { _, state in
            journal = state + "-mail.journal"
            return ["mail_log = journal", "journal_file = \(journal)"]
        }
        defer { lab.stop() }
        try lab.release("v1.0.0", files: ["policy/provider.policy": """
            # Provider: Provider
            # Evidence: TLSPolicyLab, delivery watch test

            .legacy.test encrypt
            good.test secure match=.provider.test

            """])

        // 1. No journal file yet: journalctl fails, the deploy does not.
        let deploy = try lab.sync()
        XCTAssertEqual(deploy.exitStatus, 0, deploy.stderrText)
        XCTAssertTrue(deploy.stdoutText.hasPrefix("deployed v1.0.0"), deploy.stdoutText)
        XCTAssertTrue(deploy.stderrText.contains("cannot read the journal"), deploy.stderrText)
        var metrics = try String(contentsOfFile: lab.metricsPath, encoding: .utf8)
        XCTAssertTrue(metrics.contains("tls_policy_agent_mail_log_read_failed 1\n"), metrics)
        XCTAssertTrue(metrics.contains("tls_policy_agent_mail_log_read_errors_total 1\n"), metrics)
        let failedStatus = try lab.status(["--format", "text"])
        XCTAssertTrue(failedStatus.stdoutText.contains("WARNING: the delivery watch could not read the mail log: cannot read the journal"),
                      failedStatus.stdoutText)

        // 2. Postfix applies `.legacy.test` to mail.legacy.test (deferred: no STARTTLS), not
        //    to legacy.test (delivered in clear text); good.test is delivered verified.
        let recipients = ["carol@mail.legacy.test", "dave@legacy.test", "erin@good.test"]
        try lab.sender.sendmail(from: "sender@sender.lab.test", to: recipients, subject: "journal")
        let attempts = try lab.waitForAttempts(recipients)
        XCTAssertEqual(attempts["carol@mail.legacy.test"]?.status.outcome, .deferred)
        XCTAssertEqual(attempts["dave@legacy.test"]?.status.outcome, .sent)
        XCTAssertEqual(attempts["erin@good.test"]?.status.outcome, .sent)
        var written = try appendToJournal(MailLog(text: lab.sender.log).lines, journal: journal, remote: journalRemote, lab: lab)

        // 3. The next run reads the journal: one policy deferral under the parent key.
        let first = try lab.sync()
        XCTAssertEqual(first.exitStatus, 0, first.stderrText)
        metrics = try String(contentsOfFile: lab.metricsPath, encoding: .utf8)
        XCTAssertTrue(metrics.contains("tls_policy_agent_policy_deferrals_total{key=\".legacy.test\"} 1\n"), metrics)
        XCTAssertTrue(metrics.contains("tls_policy_agent_deliveries_total{key=\"good.test\"} 1\n"), metrics)
        XCTAssertFalse(metrics.contains("key=\"legacy.test\""), "legacy.test has no entry of its own: \(metrics)")
        XCTAssertFalse(metrics.contains("tls_policy_agent_deliveries_total{key=\".legacy.test\"}"), metrics)
        XCTAssertTrue(metrics.contains("tls_policy_agent_mail_log_read_failed 0\n"), metrics)

        // 4. More entries appended: only they are read (the cursor), each counted once.
        let seen = lab.attempts.count
        try lab.sender.sendmail(from: "sender@sender.lab.test", to: ["frank@mail.legacy.test"], subject: "again")
        _ = try lab.waitForAttempts(["frank@mail.legacy.test"], skipping: seen)
        let lines = MailLog(text: lab.sender.log).lines
        written = try appendToJournal(Array(lines.dropFirst(written)), journal: journal, remote: journalRemote, lab: lab)
        XCTAssertGreaterThan(written, 0)
        let second = try lab.sync()
        XCTAssertEqual(second.exitStatus, 0, second.stderrText)
        metrics = try String(contentsOfFile: lab.metricsPath, encoding: .utf8)
        XCTAssertTrue(metrics.contains("tls_policy_agent_policy_deferrals_total{key=\".legacy.test\"} 2\n"), metrics)
        XCTAssertTrue(metrics.contains("tls_policy_agent_deliveries_total{key=\"good.test\"} 1\n"), metrics)
        let status = try lab.status(["--format", "text"])
        XCTAssertTrue(status.stdoutText.contains("mail log: journal"), status.stdoutText)
        XCTAssertTrue(status.stdoutText.contains("\n  .legacy.test: 2 (total 2, last "), status.stdoutText)
        for name in ["carol", "dave", "erin", "frank"] {
            XCTAssertFalse(status.stdoutText.contains(name) || metrics.contains(name), "a local part leaked")
        }
    }

    /// Writes `lines` into `journal` as journald stores syslog messages (facility mail,
    /// identifier, PID, message), through systemd-journal-remote's export-format input;
    /// returns how many lines were written.
    private func appendToJournal(_ lines: [MailLogLine], journal: String, remote: String, lab: EndToEndLab) throws -> Int {
        var export = ""
        var time = UInt64(Date().timeIntervalSince1970 * 1_000_000)
        for line in lines {
            time += 1
            export += "__REALTIME_TIMESTAMP=\(time)\n_BOOT_ID=6f1c2a7e0d9b4c3a8e5f7a6b5c4d3e2f\n"
            export += "SYSLOG_FACILITY=2\nSYSLOG_IDENTIFIER=\(line.program)\nSYSLOG_PID=\(line.pid)\n_PID=\(line.pid)\n"
            export += "PRIORITY=6\nMESSAGE=\(line.message)\n\n"
        }
        let result = try lab.namespace.run([remote, "--output=\(journal)", "-"], input: Data(export.utf8), timeout: 30)
        XCTAssertEqual(result.exitStatus, 0, result.stderrText)
        return lines.count
    }

    /// A plain log rotated between two runs (renamed to FILE.1, a new FILE made by Postfix
    /// after `postfix reload`): the old file's unread rest and the new file are counted,
    /// each deferral exactly once, as many as the two files hold.
    func testARotatedLogIsFinishedAndTheNewFileReadEachDeferralCountedOnce() throws {
        let lab = try EndToEndLab { sender, _ in
            return ["mail_log = \(sender.maillogFile.path)"]
        }
        defer { lab.stop() }
        try lab.release("v1.0.0", files: ["policy/stripped.policy": """
            # Provider: Stripped
            # Evidence: TLSPolicyLab, delivery watch test

            stripped.test encrypt

            """])
        // The canary is off: this test needs Postfix deferring under a deployed entry.
        XCTAssertEqual(try lab.sync(["--canary", "off"]).exitStatus, 0)
        func deferrals() throws -> String? {
            try String(contentsOfFile: lab.metricsPath, encoding: .utf8).split(separator: "\n")
                .first { $0.hasPrefix("tls_policy_agent_policy_deferrals_total{key=\"stripped.test\"} ") }
                .map { String($0.split(separator: " ").last ?? "") }
        }

        // 1. One deferral, read.
        try lab.sender.sendmail(from: "sender@sender.lab.test", to: ["one@stripped.test"], subject: "one")
        XCTAssertEqual(try lab.waitForAttempts(["one@stripped.test"])["one@stripped.test"]?.status.outcome, .deferred)
        XCTAssertEqual(try lab.sync().exitStatus, 0)
        XCTAssertEqual(try deferrals(), "1")

        // 2. A second one logged after that read, then the log rotated as logrotate does
        //    it (rename, reload: Postfix's postlogd opens a new file), then a third.
        let seen = lab.attempts.count
        try lab.sender.sendmail(from: "sender@sender.lab.test", to: ["two@stripped.test"], subject: "two")
        XCTAssertEqual(try lab.waitForAttempts(["two@stripped.test"], skipping: seen)["two@stripped.test"]?.status.outcome, .deferred)
        let log = lab.sender.maillogFile
        let rotated = URL(fileURLWithPath: log.path + ".1")
        try FileManager.default.moveItem(at: log, to: rotated)
        try lab.namespace.run(["postfix", "-c", lab.sender.configDirectory.path, "reload"], timeout: 30).checked()
        try lab.sender.sendmail(from: "sender@sender.lab.test", to: ["three@stripped.test"], subject: "three")
        XCTAssertEqual(try lab.waitForAttempts(["three@stripped.test"])["three@stripped.test"]?.status.outcome, .deferred,
                       "the third attempt is in the new file")

        // 3. The next run: the rest of FILE.1 and the new FILE, no line twice.
        let run = try lab.sync()
        XCTAssertEqual(run.exitStatus, 0, run.stderrText)
        XCTAssertTrue(run.stderrText.contains("was rotated: finishing \(rotated.path)"), run.stderrText)
        let byHand = [rotated, log].map { file in
            MailLog(text: (try? String(contentsOf: file, encoding: .utf8)) ?? "").deliveryStatuses
                .filter { $0.recipient.hasSuffix("@stripped.test") && $0.outcome == .deferred }.count
        }.reduce(0, +)
        XCTAssertEqual(byHand, 3, "the two files hold three deferrals")
        XCTAssertEqual(try deferrals(), "\(byHand)")
        // Nothing new: nothing more.
        XCTAssertEqual(try lab.sync().exitStatus, 0)
        XCTAssertEqual(try deferrals(), "\(byHand)")
    }
}
