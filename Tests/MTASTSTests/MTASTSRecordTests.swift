import MTASTS
import XCTest

/// The `_mta-sts` TXT record (RFC 8461 3.1), no network.
final class MTASTSRecordTests: XCTestCase {
    func testRecordWithIdAndTrailingSemicolon() throws {
        let record = try MTASTSRecord(parsing: "v=STSv1; id=20240101T000000;")
        XCTAssertEqual(record.id, "20240101T000000")
        XCTAssertEqual(record.extensions, [:])
    }

    func testExtensionsAreKeptAndIgnored() throws {
        let record = try MTASTSRecord(parsing: "v=STSv1;id=abc123;ext=value")
        XCTAssertEqual(record.id, "abc123")
        XCTAssertEqual(record.extensions, ["ext": "value"])
    }

    func testInvalidRecordsSayWhy() {
        let cases = [
            ("id=1; v=STSv1", "must start"),
            ("v=STSv2; id=1", "must start"),
            ("v=STSv1", "no id"),
            ("v=STSv1; id=", "is not 1 to 32"),
            ("v=STSv1; id=has-dash", "is not 1 to 32"),
            ("v=STSv1; id=" + String(repeating: "a", count: 33), "is not 1 to 32"),
            ("v=STSv1; id=1; id=2", "more than one id"),
            ("v=STSv1; garbage", "has no '='"),
        ]
        for (text, fragment) in cases {
            XCTAssertThrowsError(try MTASTSRecord(parsing: text), text) { error in
                guard let error = error as? MTASTSParseError else { return XCTFail("unexpected error \(error)") }
                XCTAssertEqual(error.source, .record)
                XCTAssertTrue(error.reason.contains(fragment), "\(text): \(error)")
            }
        }
    }

    func testSelectingTheOneRecordAmongTXTRecords() throws {
        XCTAssertNil(try MTASTSRecord.select(from: ["v=spf1 -all", "google-site-verification=x"]))
        XCTAssertEqual(try MTASTSRecord.select(from: ["v=spf1 -all", "v=STSv1; id=7"])?.id, "7")
        XCTAssertThrowsError(try MTASTSRecord.select(from: ["v=STSv1; id=1", "v=STSv1; id=2"]))
    }
}
