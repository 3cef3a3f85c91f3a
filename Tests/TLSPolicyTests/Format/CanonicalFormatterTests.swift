import XCTest
@testable import TLSPolicy

final class CanonicalFormatterTests: XCTestCase {
    private func file(_ text: String, _ version: PostfixVersion) -> PolicyFile {
        PolicyFile(name: "t.policy", bytes: Array(text.utf8), parser: PolicyValueParser(version: version))
    }

    /// What postmap stores and the SMTP client reads: folded key, level, attributes in order.
    private func entries(_ text: String, _ version: PostfixVersion) -> [PolicyEntry] {
        file(text, version).table.records.compactMap(\.entry).map {
            PolicyEntry(key: PolicyKey(text: $0.key.folded), level: $0.level, attributes: $0.attributes)
        }
    }

    /// Found by the fuzzer (scripts/fuzz): from 3.10 `match={` leaves the brace group open,
    /// so the value is "{". Written back as `{ match = { }` it no longer parses; the entry
    /// must keep a form that reads the same.
    func testUnbalancedBraceInValueKeepsItsMeaningAndFormattingIsIdempotent() throws {
        for version in [PostfixVersion.v3_7, .v3_11] {
            let input = "k secure match={"
            let once = try CanonicalFormatter.format(file(input, version))
            XCTAssertEqual(entries(once, version), entries(input, version), "\(version): \(once)")
            XCTAssertEqual(entries(once, version).first?.values(of: .match), ["{"])
            let twice = try CanonicalFormatter.format(file(once, version))
            XCTAssertEqual(twice, once, "\(version)")
        }
    }

    /// Found by the fuzzer: a comment above the first entry, with no header, was written at
    /// the top of the file and read back as the header, so every `--fix` moved it again.
    func testCommentAboveTheFirstEntryStaysWithItAndFormattingIsIdempotent() throws {
        let input = "\n#\ng secure"
        let once = try CanonicalFormatter.format(file(input, .v3_7))
        XCTAssertEqual(once, "\n#\ng secure\n")
        XCTAssertEqual(try CanonicalFormatter.format(file(once, .v3_7)), once)
        XCTAssertEqual(file(once, .v3_7).blocks.first?.comments, ["#"])
        XCTAssertEqual(file(once, .v3_7).headerLines, [])
    }

    func testHeaderEndsAtABlankLineAndKeepsItsPlace() throws {
        let input = "# Provider: P\n# Evidence: e\n\n# about b\nb.example encrypt\na.example encrypt\n"
        let once = try CanonicalFormatter.format(file(input, .v3_7))
        XCTAssertEqual(once, "# Provider: P\n# Evidence: e\n\na.example encrypt\n# about b\nb.example encrypt\n")
        XCTAssertEqual(try CanonicalFormatter.format(file(once, .v3_7)), once)
    }

    func testUnbalancedBraceBeforeAnotherAttributeKeepsBothAttributesApartBefore310() throws {
        // Before 3.10 a brace is an ordinary byte: two attributes, in their order.
        let input = "k secure match={ protocols=>=TLSv1.2\n"
        let formatted = try CanonicalFormatter.format(file(input, .v3_7))
        XCTAssertEqual(formatted, "k secure match={ protocols=>=TLSv1.2\n")
        XCTAssertEqual(entries(formatted, .v3_7), entries(input, .v3_7))
        XCTAssertEqual(entries(formatted, .v3_7).first?.attributes.count, 2)
    }

    func testBraceGroupWithSeparatorsIsWrittenAsABraceGroup() throws {
        let input = "K.example   SECURE  { match = a.example  b.example }   ciphers=high\n"
        let formatted = try CanonicalFormatter.format(file(input, .v3_11))
        XCTAssertEqual(formatted, "k.example secure { match = a.example  b.example } ciphers=high\n")
        XCTAssertEqual(entries(formatted, .v3_11), entries(input, .v3_11))
    }

    func testContinuationLinesAreJoinedAndNamesLowerCased() throws {
        let input = "# Provider: P\n# Evidence: e\n\nb.example Secure\n  Match=nexthop\na.example encrypt\n"
        let formatted = try CanonicalFormatter.format(file(input, .v3_7))
        XCTAssertEqual(formatted,
                       "# Provider: P\n# Evidence: e\n\na.example encrypt\nb.example secure match=nexthop\n")
    }
}
