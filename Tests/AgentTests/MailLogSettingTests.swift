import Foundation
import PolicySync
import XCTest

/// `mail_log` and `journal_file` in `agent.cf`.
final class MailLogSettingTests: XCTestCase {
    private let minimal = """
        repository_url = https://git.example/policy.git
        release_tag = v*
        ssh_allowed_signers = /etc/tls-policy-agent/allowed_signers
        policy_map = lmdb:/etc/postfix/tls-policy/tls_policy

        """

    func testValuesAndTheDefault() throws {
        XCTAssertEqual(try AgentConfiguration.parse(minimal, file: "agent.cf").mailLog, .automatic)
        for (text, expected) in [("off", MailLogSetting.off), ("journal", .journal),
                                 ("/var/log/postfix.log", .file("/var/log/postfix.log"))] {
            XCTAssertEqual(try AgentConfiguration.parse(minimal + "mail_log = \(text)\n", file: "agent.cf").mailLog, expected)
        }
        let journal = try AgentConfiguration.parse(minimal + "mail_log = journal\njournal_file = /srv/mail.journal\n", file: "agent.cf")
        XCTAssertEqual(journal.journalFile, "/srv/mail.journal")
    }

    func testTheDefaultIsMailLogWhenItExistsElseTheJournal() {
        XCTAssertEqual(MailLogSetting.automatic.resolved { $0 == "/var/log/mail.log" }, .file("/var/log/mail.log"))
        XCTAssertEqual(MailLogSetting.automatic.resolved { _ in false }, .journal)
        XCTAssertEqual(MailLogSetting.off.resolved { _ in true }, .off, "an explicit setting is kept")
    }

    func testBadValuesAreErrorsWithTheirLine() throws {
        for (text, reason) in [("mail_log = mail.log\n", "expected off, journal or an absolute path"),
                               ("mail_log = Journal\n", "expected off, journal or an absolute path"),
                               ("mail_log = journal\njournal_file = mail.journal\n", "must be an absolute path")] {
            do {
                _ = try AgentConfiguration.parse(minimal + text, file: "agent.cf")
                XCTFail("accepted \(text)")
            } catch {
                XCTAssertTrue(error.errors.first?.description.contains(reason) ?? false, "\(error)")
                XCTAssertEqual(error.errors.first?.line, text.hasPrefix("mail_log = journal\n") ? 6 : 5)
            }
        }
        do {
            _ = try AgentConfiguration.parse(minimal + "journal_file = /srv/mail.journal\n", file: "agent.cf")
            XCTFail("journal_file without mail_log = journal")
        } catch {
            XCTAssertEqual(error.errors.first?.kind, .inconsistent(reason: "journal_file is set, but mail_log is not journal"))
            XCTAssertEqual(error.errors.first?.line, 5)
        }
    }
}
