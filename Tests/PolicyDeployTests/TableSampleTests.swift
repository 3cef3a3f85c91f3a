@testable import PolicyDeploy
import XCTest

/// The spot check's view of a table: entries as postmap stores them, read without a
/// string per entry.
final class TableSampleTests: XCTestCase {
    func testEntriesAreReadAsPostmapStoresThem() {
        let table = """
            # header
            A.Example   secure   match=.a.example
            \tmatch=.b.example
            # a comment between an entry and its continuation
               protocols=>=TLSv1.2
            \t
            b.example\tencrypt
            orphan-key
               ciphers=high
            c.example may\r

            """
        let sample = TableSample(bytes: Array(table.utf8))
        XCTAssertEqual(sample.count, 3)
        let entries = sample.spread(10)
        XCTAssertEqual(entries.map(\.key), ["a.example", "b.example", "c.example"])
        XCTAssertEqual(entries[0].value, "secure match=.a.example match=.b.example protocols=>=TLSv1.2")
        // A line without a value is no entry: postmap skips it, and its continuation joins
        // the entry above.
        XCTAssertEqual(entries[1].value, "encrypt ciphers=high")
        XCTAssertEqual(entries[2].value, "may")
    }

    func testSpreadTakesTheFirstTheLastAndEvenlyBetween() {
        let table = (0..<1_000).map { "k\($0).example encrypt\n" }.joined()
        let sample = TableSample(bytes: Array(table.utf8))
        XCTAssertEqual(sample.count, 1_000)
        let keys = sample.spread(5).map(\.key)
        XCTAssertEqual(keys, ["k0.example", "k250.example", "k500.example", "k749.example", "k999.example"])
    }
}
