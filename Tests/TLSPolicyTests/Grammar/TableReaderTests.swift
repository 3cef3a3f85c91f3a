import XCTest
@testable import TLSPolicy

final class TableReaderTests: XCTestCase {
    private func table(_ text: String, version: PostfixVersion = .v3_7) -> PolicyTable {
        PolicyTable(file: "t", bytes: Array(text.utf8), parser: PolicyValueParser(version: version))
    }

    func testContinuationLineJoinsWithItsLeadingWhitespaceAsSeparator() {
        let result = table("a.example secure\n  match=.example.net\n")
        XCTAssertEqual(result.records.count, 1)
        XCTAssertEqual(result.records[0].entry?.values(of: .match), [".example.net"])
    }

    func testBlankAndCommentLinesInsideAnEntryDoNotEndIt() {
        let result = table("a.example secure\n\n# a comment at column 0\n   # an indented comment\n  match=.x.example\nb.example encrypt\n")
        XCTAssertEqual(result.records.map(\.key.text), ["a.example", "b.example"])
        XCTAssertEqual(result.records[0].entry?.values(of: .match), [".x.example"])
        XCTAssertEqual(result.records[1].lineNumber, 6)
    }

    func testHashAfterTheValueIsPartOfTheValueAndMakesTheEntryInvalid() {
        let result = table("a.example secure # note\n")
        XCTAssertEqual(result.records[0].parse.error?.rule, .policyMalformedAttribute)
    }

    func testIndentedCommentBelowAnEntryIsAComment() {
        let result = table("a.example secure\n  # note\n")
        XCTAssertNil(result.records[0].parse.error)
    }

    func testContinuationAtTheTopOfTheFileIsDropped() {
        let result = table("  orphan text\n  more\na.example secure\n")
        XCTAssertEqual(result.dropped.map(\.rule), [.tableOrphanContinuation])
        XCTAssertEqual(result.dropped.first?.line, 1)
        XCTAssertEqual(result.records.map(\.key.text), ["a.example"])
    }

    func testKeyWithoutValueIsDropped() {
        let result = table("a.example\nb.example   \r\n")
        XCTAssertEqual(result.dropped.map(\.rule), [.tableMissingValue, .tableMissingValue])
        XCTAssertTrue(result.records.isEmpty)
    }

    func testCRLFLineEndingsAreWhitespace() {
        let result = table("a.example secure\r\n  match=.x.example\r\nb.example encrypt\r\n")
        XCTAssertEqual(result.records.count, 2)
        XCTAssertNil(result.records[0].parse.error)
        XCTAssertEqual(result.records[0].entry?.values(of: .match), [".x.example"])
    }

    func testNULEndsTheLogicalLineAsInC() {
        let result = PolicyTable(file: "t", bytes: Array("a.example secure\u{0}junk\nb.example\u{0} secure\n".utf8),
                                 parser: PolicyValueParser(version: .v3_7))
        XCTAssertEqual(result.records.map(\.key.text), ["a.example"])
        XCTAssertNil(result.records[0].parse.error)
        XCTAssertEqual(result.dropped.map(\.rule), [.tableMissingValue])
    }

    func testNonUTF8LineIsDroppedAndValidUTF8IsKept() {
        var bytes = Array("bad.example secure ".utf8) + [0xE9] + Array("\n".utf8)
        bytes += Array("ok.example secure match=é.example\n".utf8)
        let result = PolicyTable(file: "t", bytes: bytes, parser: PolicyValueParser(version: .v3_7))
        XCTAssertEqual(result.dropped.map(\.rule), [.tableNonUTF8])
        XCTAssertEqual(result.records.map(\.key.text), ["ok.example"])
    }

    func testNULAndNonASCIIAreFoundAtEveryPositionOfAWord() {
        // The line is scanned eight bytes at a time: a NUL or a non-ASCII byte anywhere in a
        // word, and the bytes around it, must give what a byte-by-byte reading gives.
        for length in 0..<20 {
            for special in 0..<max(length, 1) {
                for marks in [[UInt8(0)], [0xC3], [0xC3, 0], [0, 0xC3], [0xFF]] {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    for (offset, mark) in marks.enumerated() where special + offset < length {
                        bytes[special + offset] = mark
                    }
                    let expectedEnd = bytes.firstIndex(of: 0) ?? bytes.count
                    let expectedNonASCII = bytes[..<expectedEnd].contains { $0 >= 0x80 }
                    let found = bytes.withUnsafeBufferPointer { TableRecord.cString($0) }
                    XCTAssertEqual(found.end, expectedEnd, "\(bytes)")
                    XCTAssertEqual(found.nonASCII, expectedNonASCII, "\(bytes)")
                }
            }
        }
    }

    func testCommentLinesAreReportedWithTheirNumbersBlankLinesAreNot() {
        let text = "# top\n\na.example secure\n  # inside\n  match=x\n\t#@ dane\n \nb.example encrypt\n#end"
        var comments: [(Int, String)] = []
        TableReader(bytes: Array(text.utf8)).read(entry: { _ in }, orphan: { _ in }, comment: { line, range in
            comments.append((line, String(decoding: Array(text.utf8)[range], as: UTF8.self)))
        })
        XCTAssertEqual(comments.map(\.0), [1, 4, 6, 9])
        XCTAssertEqual(comments.map(\.1), ["# top", "  # inside", "\t#@ dane", "#end"])
    }

    func testQuotedKeysKeepTheirQuotesAndBackslashEscapes() {
        let result = table("\"a b\\\" c\" secure\n\"unbalanced secure\n")
        XCTAssertEqual(result.records.first?.key.text, "\"a b\\\" c\"")
        XCTAssertEqual(result.records.first?.key.form, .quoted)
        XCTAssertEqual(result.dropped.map(\.rule), [.tableUnbalancedQuote])
    }

    func testDuplicateKeysDifferingInCaseKeepTheFirst() {
        let result = table("A.Example secure\na.example encrypt\n")
        XCTAssertEqual(result.records.map(\.key.text), ["A.Example"])
        XCTAssertEqual(result.dropped.map(\.rule), [.tableDuplicateKey])
        XCTAssertEqual(result.dropped.first?.line, 2)
    }

    func testKeyFormsAreClassified() {
        let forms = ["example.com": PolicyKey.Form.domain, ".example.com": .parentDomain,
                     "[mx.example.com]": .bracketed, "[mx.example.com]:587": .bracketed,
                     "example.com:2525": .hostWithPort, "\"x\"": .quoted]
        for (text, form) in forms {
            XCTAssertEqual(PolicyKey(text: text).form, form, text)
        }
        XCTAssertEqual(PolicyKey(text: "[mx.example.com]:587").domain, "mx.example.com")
    }

    func testPositionsPointAtTheContinuationLineAndColumn() {
        let result = table("a.example secure\n    bogus\n")
        let record = result.records[0]
        let position = record.line.position(ofOffset: record.parse.error?.offset ?? -1)
        XCTAssertEqual(position.line, 2)
        XCTAssertEqual(position.column, 5)
    }

    func testHostileInputNeverCrashesAndStaysLinear() {
        var inputs: [[UInt8]] = []
        inputs.append([UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20))
        inputs.append(Array("k ".utf8) + [UInt8](repeating: UInt8(ascii: ","), count: 1 << 20))
        inputs.append([UInt8](repeating: 0, count: 100_000))
        inputs.append([UInt8](repeating: UInt8(ascii: " "), count: 100_000) + [0x0A])
        inputs.append(Array(repeating: Array("\n ".utf8), count: 100_000).flatMap { $0 })
        inputs.append(Array("k secure ".utf8) + [UInt8](repeating: UInt8(ascii: "{"), count: 1 << 20))
        var generator = SystemRandomNumberGenerator()
        inputs.append((0..<(1 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        for bytes in inputs {
            for version in [PostfixVersion.v3_7, .v3_11] {
                let result = PolicyTable(file: "t", bytes: bytes, parser: PolicyValueParser(version: version))
                XCTAssertLessThanOrEqual(result.records.count + result.dropped.count, bytes.count + 1)
            }
        }
    }
}
