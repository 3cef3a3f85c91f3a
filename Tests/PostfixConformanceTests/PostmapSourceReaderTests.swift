import TLSPolicyLab
import XCTest

/// The oracle's reading of a table file mirrors Postfix's readllines() and postmap.
final class PostmapSourceReaderTests: XCTestCase {
    private func read(_ text: String) -> [PostmapSourceLine] {
        PostmapSourceReader.read(Array(text.utf8))
    }

    func testContinuationJoinsLinesAndKeepsLeadingWhitespace() {
        let lines = read("a.test secure\n  match=x\nb.test may\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(lines[0].value, "secure  match=x")
        XCTAssertEqual(lines[0].startLine, 1)
        XCTAssertEqual(lines[0].endLine, 2)
        XCTAssertEqual(lines[1].startLine, 3)
    }

    func testBlankAndCommentLinesInsideAnEntryDoNotEndIt() {
        let lines = read("a.test secure\n\n# column-0 comment\n   # indented\n\tmatch=x\n")
        XCTAssertEqual(lines.count, 1)
        XCTAssertEqual(lines[0].value, "secure\tmatch=x")
        XCTAssertEqual(lines[0].endLine, 5)
    }

    func testHashAfterTheValueIsPartOfTheValue() {
        XCTAssertEqual(read("a.test secure # note\n").first?.value, "secure # note")
    }

    func testContinuationAtTheStartIsAnOrphanWithItsOwnContinuations() {
        let lines = read("# comment\n  orphan.test may\n  more\nnext.test may\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].isOrphanContinuation)
        XCTAssertEqual(lines[0].startLine, 2)
        XCTAssertEqual(lines[0].endLine, 3)
        XCTAssertNil(lines[0].key)
        XCTAssertEqual(lines[1].key, "next.test")
    }

    func testKeyWithoutValueHasAnEmptyValue() {
        XCTAssertEqual(read("key-only.test   \n").first?.value, "")
    }

    func testQuotesAndBackslashesStayInTheKey() {
        let lines = read("\"a b.test\" may\nc\\ d.test may\n\"open.test may\n")
        XCTAssertEqual(lines[0].key, "\"a b.test\"")
        XCTAssertEqual(lines[0].value, "may")
        XCTAssertEqual(lines[1].key, "c\\ d.test")
        XCTAssertTrue(lines[2].hasUnbalancedQuote)
    }

    func testCRLFIsTrimmedLikeOtherTrailingWhitespace() {
        let lines = read("a.test secure\r\n  match=x\r\n")
        XCTAssertEqual(lines.first?.value, "secure\r  match=x")
    }

    func testNonUTF8BytesAreFlagged() {
        let lines = PostmapSourceReader.read([0x61, 0x2E, 0x74, 0x20, 0xE9, 0x0A])
        XCTAssertEqual(lines.first?.isValidUTF8, false)
    }

    func testFinalLineWithoutNewline() {
        let lines = read("a.test may\nb.test encrypt")
        XCTAssertEqual(lines.map(\.key), ["a.test", "b.test"])
        XCTAssertEqual(lines.last?.startLine, 2)
    }
}
