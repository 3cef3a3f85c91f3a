import Foundation
import PostfixLog
import TLSPolicyLab
import XCTest

/// The parser on the log a real Postfix writes, delivering to loopback receivers with each
/// TLS outcome (``MailLogScenario``); and on the committed fixture captured from it.
final class MailLogScenarioTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("lab-maillog.txt")

    /// Needs root (the lab). With `POSTFIXLOG_WRITE_FIXTURE=1` it also rewrites the fixture.
    func testRealPostfixLogIsParsed() throws {
        if let reason = LabEnvironment.unavailableReason { throw XCTSkip("lab unavailable: \(reason)") }
        let scenario = try MailLogScenario()
        defer { scenario.stop() }
        let result = try scenario.run()
        MailLogScenarioExpectations.check(log: result.log)
        if ProcessInfo.processInfo.environment["POSTFIXLOG_WRITE_FIXTURE"] == "1" {
            try result.log.write(to: Self.fixture, atomically: true, encoding: .utf8)
        }
    }

    /// The same checks on the captured log: no root needed.
    func testCapturedFixtureIsParsed() throws {
        let log = try String(contentsOf: Self.fixture, encoding: .utf8)
        MailLogScenarioExpectations.check(log: log)
    }

    /// Reading the fixture from disk block by block gives the same records as line by line.
    func testFileReaderMatchesLineParser() throws {
        var fromFile: [PostfixLogRecord] = []
        try PostfixLogFile.forEachLine(at: Self.fixture) { bytes, _ in
            if let record = PostfixLogRecord(lineBytes: bytes) { fromFile.append(record) }
        }
        let log = try String(contentsOf: Self.fixture, encoding: .utf8)
        let fromLines = log.split(separator: "\n").compactMap { PostfixLogRecord(parsing: String($0)) }
        XCTAssertEqual(fromFile, fromLines)
        XCTAssertFalse(fromFile.isEmpty)
        XCTAssertThrowsError(try PostfixLogFile.forEachLine(at: URL(fileURLWithPath: "/nonexistent/maillog")) { _, _ in }) {
            XCTAssertTrue("\($0)".contains("/nonexistent/maillog: cannot read the mail log"), "\($0)")
        }
    }

    /// The lean event fields (what discover counts with) say what the records say, line for line.
    func testEventsAgreeWithRecords() throws {
        var pairs = 0
        try PostfixLogFile.forEachLine(at: Self.fixture) { bytes, number in
            let record = PostfixLogRecord(lineBytes: bytes)
            let event = PostfixLogEventFields(lineBytes: bytes)
            func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
            switch (record, event?.kind) {
            case (nil, nil):
                break
            case (.delivery(let full)?, .delivery(let queueID, let domain, let status, let failure)?):
                XCTAssertEqual([full.program, full.queueID, full.recipientDomain],
                               [event.map { text($0.program) }, queueID.map(text), text(domain).lowercased()])
                XCTAssertEqual(full.pid, event?.pid)
                XCTAssertEqual(full.status, status)
                XCTAssertEqual(full.tlsPolicyFailure, failure, "line \(number)")
                pairs += 1
            case (.tlsConnection(let full)?, .tlsConnection(let trust)?):
                XCTAssertEqual(full.program, event.map { text($0.program) })
                XCTAssertEqual(full.pid, event?.pid)
                XCTAssertEqual(full.trust, trust)
                pairs += 1
            default:
                XCTFail("line \(number): record \(String(describing: record)), event \(String(describing: event))")
            }
        }
        XCTAssertGreaterThan(pairs, 20)
    }
}
