import Foundation
import PostfixLog
import XCTest

/// The three shapes a host's Postfix log comes in, parsed to the same parts.
final class PostfixLogLineTests: XCTestCase {
    static let message = "4586929: to=<Alice.Smith@B.Test>, relay=mx.b.test[127.0.0.2]:25, delay=0.13, "
        + "delays=0.01/0.05/0.02/0.04, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 5E05B29)"

    func testPostlogdLineIsParsed() throws {
        let line = try XCTUnwrap(PostfixLogLine(parsing: "Dec  5 23:52:50 sender postfix/smtp[284]: \(Self.message)"))
        XCTAssertEqual(line.host, "sender")
        XCTAssertEqual(line.program, "postfix/smtp")
        XCTAssertEqual(line.pid, 284)
        XCTAssertEqual(line.message, Self.message)
        XCTAssertEqual(line.timestamp, .wallClock(month: 12, day: 5, hour: 23, minute: 52, second: 50))
    }

    func testRsyslogRFC3339LineIsParsed() throws {
        let line = try XCTUnwrap(PostfixLogLine(parsing: "2026-12-05T23:52:50.250000+01:00 mail postfix-out/smtp[9]: \(Self.message)"))
        XCTAssertEqual(line.host, "mail")
        XCTAssertEqual(line.program, "postfix-out/smtp")
        XCTAssertEqual(line.pid, 9)
        // 23:52:50.25 at +01:00 is 22:52:50.25 UTC.
        let expected = try XCTUnwrap(ISO8601DateFormatter().date(from: "2026-12-05T22:52:50Z")).addingTimeInterval(0.25)
        guard case .instant(let date)? = line.timestamp else { return XCTFail("no instant: \(String(describing: line.timestamp))") }
        XCTAssertEqual(date.timeIntervalSince1970, expected.timeIntervalSince1970, accuracy: 0.000_5)
    }

    func testJournalctlShortISOOffsetWithoutColon() throws {
        let line = try XCTUnwrap(PostfixLogLine(parsing: "2026-12-05T23:52:50-0130 mail postfix/smtp[7]: x"))
        XCTAssertEqual(line.timestamp, .instant(Date(timeIntervalSince1970: 1_796_514_770 + 5_400)))
        XCTAssertEqual(line.host, "mail")
    }

    func testTraditionalRsyslogLineWithTwoDigitDay() throws {
        let line = try XCTUnwrap(PostfixLogLine(parsing: "Nov 23 03:09:11 mail postfix/qmgr[274]: 4586929: removed"))
        XCTAssertEqual(line.timestamp, .wallClock(month: 11, day: 23, hour: 3, minute: 9, second: 11))
        XCTAssertEqual(line.program, "postfix/qmgr")
        XCTAssertNil(line.record)
    }

    func testJournalFieldsNeedNoPrefix() throws {
        let timestamp = try XCTUnwrap(PostfixLogTimestamp(journalRealtime: "1796514770250000"))
        let line = PostfixLogLine(program: "postfix/smtp", pid: 284, message: Self.message, timestamp: timestamp)
        guard case .delivery(let record)? = line.record else { return XCTFail("no delivery record") }
        XCTAssertEqual(record.recipientDomain, "b.test")
        XCTAssertEqual(record.timestamp, .instant(Date(timeIntervalSince1970: 1_796_514_770.25)))
        XCTAssertNil(PostfixLogTimestamp(journalRealtime: "soon"))
    }

    func testWallClockNeedsAYearThatHasTheDay() {
        let leapDay = PostfixLogTimestamp.wallClock(month: 2, day: 29, hour: 0, minute: 0, second: 0)
        let utc = TimeZone(identifier: "UTC")!
        XCTAssertNotNil(leapDay.date(year: 2028, timeZone: utc))
        XCTAssertNil(leapDay.date(year: 2027, timeZone: utc))
    }

    func testOtherShapesAreNotLines() {
        XCTAssertNil(PostfixLogLine(parsing: "not a log line"))
        XCTAssertNil(PostfixLogLine(parsing: ""))
        XCTAssertNil(PostfixLogLine(parsing: "Dec  5 23:52:50 sender postfix/smtp[abc]: x"))
        XCTAssertNil(PostfixLogRecord(parsing: "Dec  5 23:52:50 sender kernel: to=<a@b.test>, status=sent (x)"))
    }
}
