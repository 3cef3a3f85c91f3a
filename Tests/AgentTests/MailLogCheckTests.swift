import Foundation
import PolicySync
import TLSPolicyLab
import XCTest

/// `doctor`'s delivery-watch findings (``MailLogCheck``), on real files and directories.
final class MailLogCheckTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = try LabFileSystem.makeTemporaryDirectory(prefix: "mail-log-check")
    }

    override func tearDownWithError() throws {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    private func configuration(_ lines: String) throws -> AgentConfiguration {
        try AgentConfiguration.parse("""
            repository_url = https://git.example/policy.git
            release_tag = v*
            ssh_allowed_signers = /etc/tls-policy-agent/allowed_signers
            policy_map = lmdb:/etc/postfix/tls-policy/tls_policy
            \(lines)

            """, file: "agent.cf")
    }

    func testALogFileIsCheckedForReadingAndAMissingOneFails() throws {
        let log = scratch.appendingPathComponent("postfix.log")
        try LabFileSystem.write("", to: log)
        let present = MailLogCheck.run(try configuration("mail_log = \(log.path)"), watch: nil)
        XCTAssertEqual(present, [.ok("mail_log \(log.path) is readable")])

        let missing = scratch.appendingPathComponent("absent.log").path
        let absent = MailLogCheck.run(try configuration("mail_log = \(missing)"), watch: nil)
        XCTAssertEqual(absent.map(\.passed), [false])
        XCTAssertTrue(absent[0].message.hasPrefix("mail_log \(missing) is missing or unreadable"), absent[0].message)
    }

    func testTheJournalNeedsJournalctlAndAJournalFileMustBeReadable() throws {
        let bin = scratch.appendingPathComponent("bin")
        try LabFileSystem.createDirectory(bin)
        let journal = try configuration("mail_log = journal")
        XCTAssertEqual(MailLogCheck.run(journal, watch: nil, programDirectories: [bin.path]).map(\.passed), [false],
                       "no journalctl in the directories searched")
        let journalctl = bin.appendingPathComponent("journalctl")
        try LabFileSystem.write("#!/bin/sh\n", to: journalctl)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: journalctl.path)
        XCTAssertEqual(MailLogCheck.run(journal, watch: nil, programDirectories: [bin.path]),
                       [.ok("mail_log = journal, read with \(journalctl.path)")])

        let file = scratch.appendingPathComponent("mail.journal").path
        let fromFile = try configuration("mail_log = journal\njournal_file = \(file)")
        XCTAssertEqual(MailLogCheck.run(fromFile, watch: nil).map(\.passed), [false])
        try LabFileSystem.write("", to: URL(fileURLWithPath: file))
        XCTAssertEqual(MailLogCheck.run(fromFile, watch: nil), [.ok("mail_log = journal, journal_file \(file) is readable")])
    }

    func testOffIsSaidAndALastReadThatFailedIsAFinding() throws {
        XCTAssertEqual(MailLogCheck.run(try configuration("mail_log = off"), watch: nil), [.ok("mail_log = off: no delivery watch")])

        let log = scratch.appendingPathComponent("postfix.log")
        try LabFileSystem.write("", to: log)
        var watch = DeliveryWatchState()
        watch.source = log.path
        watch.lastError = "permission denied"
        watch.lastErrorAt = Date(timeIntervalSince1970: 1_800_000_000)
        let checks = MailLogCheck.run(try configuration("mail_log = \(log.path)"), watch: watch)
        XCTAssertEqual(checks, [.ok("mail_log \(log.path) is readable"),
                                .fail("the last run could not read \(log.path) at 2027-01-15T08:00:00Z: permission denied")])
        watch.lastError = nil
        XCTAssertEqual(MailLogCheck.run(try configuration("mail_log = \(log.path)"), watch: watch).map(\.passed), [true],
                       "a read that succeeded since is no finding")
    }
}
