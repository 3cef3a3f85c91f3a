import XCTest
@testable import TLSPolicy

/// A large table is linted in chunks on several threads; the result must be exactly
/// that of one pass, whatever the cut points.
final class ChunkedLintTests: XCTestCase {
    private let parser = PolicyValueParser(version: .v3_7)

    /// Entries of every kind that interacts with a cut: continuation lines, comments inside
    /// and between entries, invalid entries, dropped lines, and duplicates near and far.
    private func table(entries: Int) -> [UInt8] {
        var text = "  orphan continuation at the top\n"
        for index in 0..<entries {
            switch index % 9 {
            case 0: text += "d\(index).example secure match=.d\(index).example\n"
            case 1: text += "d\(index).example encrypt\n  # a comment inside the entry\n\n    protocols=>=TLSv1.2\n"
            case 2: text += "# a comment between entries\nd\(index).example verify match=hostname ciphers=bogus\n"
            case 3: text += "d\(index).example secure tafile=/x match=\n"
            case 4: text += "D\(index - 4).EXAMPLE encrypt\n"  // duplicate of a key four entries back
            case 5: text += "d\(index % 7).example encrypt\n"  // duplicate of a key near the top, far away
            case 6: text += "d\(index).example\n"  // no value: dropped
            case 7: text += "\"d\(index).example\" encrypt\n"  // stored, never looked up
            default: text += "d\(index).example dane-only\n"  // invalid without DNSSEC
            }
        }
        return Array(text.utf8)
    }

    private func summary(_ result: (diagnostics: [Diagnostic], entries: Int)) -> [String] {
        result.diagnostics.sorted(by: Diagnostic.inReadingOrder).map {
            "\($0.line):\($0.column) \($0.severity) \($0.rule.rawValue) \($0.key ?? "-") \($0.message)"
        } + ["entries: \(result.entries)"]
    }

    func testEveryChunkCountGivesTheSameDiagnosticsAsOnePass() {
        let source = LintSource(name: "big.policy", bytes: table(entries: 900))
        let onePass = summary(Linter.lintInChunks(source, parser: parser, parts: 1))
        XCTAssertGreaterThan(onePass.count, 500, "the table must exercise many findings")
        XCTAssertTrue(onePass.contains { $0.contains("table/duplicate-key") })
        for parts in [2, 3, 5, 8, 64] {
            XCTAssertEqual(summary(Linter.lintInChunks(source, parser: parser, parts: parts)), onePass, "\(parts) parts")
        }
    }

    func testOnePassEqualsTheTableModel() {
        // The streaming path and PolicyTable (which DatasetRules and --fix use) must agree.
        let bytes = table(entries: 300)
        let streamed = summary(Linter.lintInChunks(LintSource(name: "t", bytes: bytes), parser: parser, parts: 1))
        let table = PolicyTable(file: "t", bytes: bytes, parser: parser)
        let modelled = summary((Linter.postfixDiagnostics(of: table, raisingWarnings: false), table.records.count))
        XCTAssertEqual(streamed, modelled)
    }

    func testCutsFallOnlyWhereALogicalLineBegins() {
        let bytes = table(entries: 200)
        let cuts = TableReader.chunkBoundaries(of: bytes, count: 16)
        XCTAssertEqual(cuts.first, 0)
        XCTAssertEqual(cuts.last, bytes.count)
        XCTAssertEqual(cuts, cuts.sorted())
        for cut in cuts.dropFirst().dropLast() {
            XCTAssertEqual(bytes[cut - 1], 0x0A)
            XCTAssertFalse([UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "#"), 0x0A].contains(bytes[cut]))
        }
    }
}
