import TLSPolicyLab
import XCTest

/// Parsing Postfix's maillog_file lines, as written by postlogd.
final class MailLogTests: XCTestCase {
    static let sample = """
        Nov 23 03:09:11 sender postfix/qmgr[274]: 4586929: from=<probe@sender.lab.test>, size=254, nrcpt=13 (queue active)
        Nov 23 03:09:11 sender postfix/smtp[284]: warning: smtp_tls_policy_maps, next-hop destination "a.test": invalid security level "bogus"
        Nov 23 03:09:11 sender postfix/smtp[286]: warning: unrelated warning of another process
        Nov 23 03:09:11 sender postfix/smtp[284]: warning: TLS policy lookup for a.test/mx.lab.test: client TLS configuration problem
        Nov 23 03:09:11 sender postfix/smtp[284]: 4586929: to=<probe@a.test>, relay=none, delay=0.06, delays=0.01/0.04/0/0, dsn=4.7.5, status=deferred (client TLS configuration problem)
        Nov 23 03:09:11 sender postfix/smtp[284]: 4586929: to=<probe@b.test>, relay=mx.lab.test[127.0.0.2]:25, delay=0.13, delays=0.01/0.05/0.02/0.04, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 5E05B29)
        """

    func testStatusLineIsParsed() throws {
        let status = try XCTUnwrap(MailLog(text: Self.sample).firstStatusByRecipient["probe@b.test"])
        XCTAssertEqual(status.outcome, .sent)
        XCTAssertEqual(status.relay, "mx.lab.test[127.0.0.2]:25")
        XCTAssertEqual(status.dsn, "2.0.0")
        XCTAssertEqual(status.reason, "250 2.0.0 Ok: queued as 5E05B29")
        XCTAssertEqual(status.program, "postfix/smtp")
        XCTAssertEqual(status.pid, 284)
    }

    func testWarningsAreAttributedToTheirProcessesDelivery() throws {
        let items = MailLog(text: Self.sample).warningsBeforeEachStatus()
        let first = try XCTUnwrap(items.first)
        XCTAssertEqual(first.status.recipient, "probe@a.test")
        XCTAssertEqual(first.status.outcome, .deferred)
        XCTAssertEqual(first.warnings, [
            "smtp_tls_policy_maps, next-hop destination \"a.test\": invalid security level \"bogus\"",
            "TLS policy lookup for a.test/mx.lab.test: client TLS configuration problem",
        ])
        XCTAssertEqual(items.last?.warnings, [], "warnings are consumed by the status line they precede")
    }

    func testOtherShapesAreSkipped() {
        XCTAssertNil(MailLogLine("not a log line"))
        XCTAssertEqual(MailLog(text: "garbage\n\n").lines.count, 0)
    }
}
