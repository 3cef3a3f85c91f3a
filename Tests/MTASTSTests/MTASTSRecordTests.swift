import MTASTS
import XCTest

/// The `_mta-sts` TXT record (RFC 8461 3.1), no network: each ABNF rule, first-wins
/// duplicates, and the discard rule for several records.
final class MTASTSRecordTests: XCTestCase {
    func testRecordWithIdAndTrailingDelimiter() throws {
        let record = try MTASTSRecord(parsing: "v=STSv1; id=20240101T000000;")
        XCTAssertEqual(record.id, "20240101T000000")
        XCTAssertEqual(record.extensions, [:])
        XCTAssertEqual(try MTASTSRecord(parsing: "v=STSv1;id=1; ").id, "1", "the trailing delimiter is *WSP \";\" *WSP")
        XCTAssertEqual(try MTASTSRecord(parsing: "v=STSv1 \t; \tid=1").id, "1", "spaces and tabs around ';' are the delimiter's")
    }

    func testExtensionsAreKeptAndIgnored() throws {
        let record = try MTASTSRecord(parsing: "v=STSv1;id=abc123;ext.1_a-b=v!:~")
        XCTAssertEqual(record.id, "abc123")
        XCTAssertEqual(record.extensions, ["ext.1_a-b": "v!:~"])
    }

    /// RFC 8461 3.2 (for records and policies): every non-repeated field's first entry counts.
    func testDuplicatedFieldsKeepTheirFirstEntry() throws {
        XCTAssertEqual(try MTASTSRecord(parsing: "v=STSv1; id=first; id=second").id, "first")
        XCTAssertEqual(try MTASTSRecord(parsing: "v=STSv1; id=1; v=STSv2").id, "1", "a second v is ignored too")
        XCTAssertEqual(try MTASTSRecord(parsing: "v=STSv1; id=1; e=a; e=b").extensions, ["e": "a"])
        // Only the first id counts, so it must be a valid one.
        XCTAssertThrowsError(try MTASTSRecord(parsing: "v=STSv1; id=not-valid; id=1"))
    }

    func testInvalidRecordsSayWhy() {
        let cases = [
            ("id=1; v=STSv1", "must begin"),
            ("v=STSv2; id=1", "must begin"),
            ("v=STSv1.1; id=1", "must begin"),
            (" v=STSv1; id=1", "must begin"),
            ("V=STSv1; id=1", "must begin"),
            ("v=STSv1", "no field"),
            ("v=STSv1;", "no field"),
            ("v=STSv1; ext=1", "no id"),
            ("v=STSv1;;id=1", "empty field"),
            ("v=STSv1; id=1 ", "space after the last field"),
            ("v=STSv1; id=", "empty"),
            ("v=STSv1; id=has-dash", "is not 1 to 32"),
            ("v=STSv1; id=" + String(repeating: "a", count: 33), "is not 1 to 32"),
            ("v=STSv1; id=1; _ext=1", "field name"),
            ("v=STSv1; id=1; -ext=1", "field name"),
            ("v=STSv1; id=1; .ext=1", "field name"),
            ("v=STSv1; id=1; " + String(repeating: "e", count: 33) + "=1", "field name"),
            ("v=STSv1; id=1; ext=", "empty"),
            ("v=STSv1; id=1; ext=a=b", "holds '='"),
            ("v=STSv1; id=1; ext=a b", "a space"),
            ("v=STSv1; id=1; ext=a\u{7F}", "control"),
            ("v=STSv1; garbage", "has no '='"),
        ]
        for (text, fragment) in cases {
            XCTAssertThrowsError(try MTASTSRecord(parsing: text), text) { error in
                guard let error = error as? MTASTSParseError else { return XCTFail("unexpected error \(error)") }
                XCTAssertEqual(error.source, .record)
                XCTAssertTrue(error.reason.contains(fragment), "\(text.debugDescription): \(error)")
            }
        }
    }

    func testSelectingTheOneRecordAmongTXTRecords() throws {
        XCTAssertNil(try MTASTSRecord.select(from: []))
        XCTAssertNil(try MTASTSRecord.select(from: ["v=spf1 -all", "google-site-verification=x"]), "all discarded: no record")
        XCTAssertEqual(try MTASTSRecord.select(from: ["v=spf1 -all", "v=STSv1; id=7"])?.id, "7")
        // The issue-12 case: a record that does not begin with exactly "v=STSv1;" is discarded, not counted.
        XCTAssertEqual(try MTASTSRecord.select(from: ["v=STSv1.1; id=old", "v=STSv1; id=new"])?.id, "new")
        XCTAssertNil(try MTASTSRecord.select(from: ["v=STSv1 ; id=1", "v=spf1 -all"]), "with several records the prefix is exact")
        XCTAssertEqual(try MTASTSRecord.select(from: ["v=STSv1 ; id=1"])?.id, "1", "a lone record is parsed as it is")
        XCTAssertThrowsError(try MTASTSRecord.select(from: ["v=STSv1; id=1", "v=STSv1; id=2"])) { error in
            XCTAssertTrue("\(error)".contains("2 records begin with"), "\(error)")
        }
        XCTAssertThrowsError(try MTASTSRecord.select(from: ["v=spf1 -all"]), "a lone record that is not an STS record is invalid")
    }
}
