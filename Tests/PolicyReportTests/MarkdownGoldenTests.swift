import Foundation
import PolicyReport
import XCTest

/// The Markdown report compared byte for byte with Golden/history.md.
///
/// After an intended change, regenerate with POLICY_REPORT_UPDATE_GOLDEN=1 (the test then
/// fails once, so that a regeneration is never mistaken for a pass) and review the diff.
final class MarkdownGoldenTests: XCTestCase {
    private func assertGolden(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = ReportFixtures.golden(name)
        if ProcessInfo.processInfo.environment["POLICY_REPORT_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
            XCTFail("rewrote \(url.path); review it and run again without POLICY_REPORT_UPDATE_GOLDEN", file: file, line: line)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(text, expected, "differs from \(url.path)", file: file, line: line)
    }

    func testMergedHistoryMatchesTheGoldenMarkdown() throws {
        let report = ReportMerger.merge(try ReportFixtures.history())
        try assertGolden(MarkdownReportRenderer(title: "Daily TLS policy probe").render(report), "history.md")
    }

    func testFailingEntriesComeFirstThenStrongerProvidersAndUnreachable() throws {
        let text = MarkdownReportRenderer().render(ReportMerger.merge(try ReportFixtures.history()))
        let order = ["**5 entries**: 1 fail · 1 stronger · 1 unreachable · 1 pass · 1 unprobeable",
                     "## Failing entries (1)", "### ❌ `bad.test` (policy/provider.policy:2)",
                     "| mx2.provider.test | 127.0.0.3 | TLS is required, but was not offered by host mx2.provider.test\\[127.0.0.3\\] | `starttls-not-supported` |",
                     "```\nbad.test secure match=.provider.test\n```",
                     "## Stronger lines possible (1)", "```\n#@ dane\nweak.test secure match=.other.test\n```",
                     "## Providers (2)", "## Unreachable (1)", "## All entries (5)"]
        var rest = Substring(text)
        for part in order {
            guard let range = rest.range(of: part) else { return XCTFail("missing or out of order: \(part)\n\(text)") }
            rest = rest[range.upperBound...]
        }
    }

    func testTheSameInputsGiveTheSameBytes() throws {
        let first = MarkdownReportRenderer().render(ReportMerger.merge(try ReportFixtures.history()))
        let second = MarkdownReportRenderer().render(ReportMerger.merge(try ReportFixtures.history()))
        XCTAssertEqual(first, second)
        XCTAssertEqual(HTMLReportRenderer().render(ReportMerger.merge(try ReportFixtures.history())),
                       HTMLReportRenderer().render(ReportMerger.merge(try ReportFixtures.history())))
    }
}
