import Foundation
import PolicyReport
import XCTest

/// Keys, reasons, certificate names and suggested lines come from the servers probed:
/// none of them may become markup in the HTML page or in the Markdown.
final class HTMLEscapingTests: XCTestCase {
    private func hostile(title: String = "TLS policy report") throws -> (html: String, markdown: String) {
        let report = ReportMerger.merge([try ReportFixtures.file("hostile.json", at: ReportFixtures.newerRun)])
        return (HTMLReportRenderer(title: title).render(report), MarkdownReportRenderer(title: title).render(report))
    }

    func testHostileStringsAreEscapedInTheHTMLPage() throws {
        let html = try hostile().html
        for raw in ["<script", "<img", "<svg", "<b>evil", "<mx", "<i>summary", "</pre><script"] {
            XCTAssertFalse(html.contains(raw), "unescaped \(raw)")
        }
        XCTAssertTrue(html.contains("<code>&lt;script&gt;alert(1)&lt;/script&gt;.test</code>"), html)
        XCTAssertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;: num=62 | [click](http://evil.example) `tick` &amp; &quot;q&quot;"), html)
        XCTAssertTrue(html.contains("&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;"), html)
        XCTAssertTrue(html.contains("&lt;mx onmouseover=x&gt;"), html)
        XCTAssertTrue(html.contains("policy/&lt;b&gt;evil&lt;/b&gt;.policy"), html)
    }

    func testTheTitleIsEscapedToo() throws {
        let html = try hostile(title: "Report </title><script>alert(3)</script>").html
        XCTAssertFalse(html.contains("<script"))
        XCTAssertTrue(html.contains("<title>Report &lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;</title>"), html)
    }

    func testThePageIsSelfContained() throws {
        let html = HTMLReportRenderer().render(ReportMerger.merge(try ReportFixtures.history()))
        for external in ["<script", "<link", "src=", "href=", "url(", "@import", "http://", "https://"] {
            XCTAssertFalse(html.contains(external), "page refers to something outside itself: \(external)")
        }
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("<style>"))
    }

    func testHostileStringsCannotBecomeMarkdownLinksHTMLOrColumns() throws {
        let markdown = try hostile().markdown
        XCTAssertFalse(markdown.contains("[click](http"), "a link survived")
        XCTAssertTrue(markdown.contains("\\[click\\]\\(http://evil.example\\)"), markdown)
        XCTAssertFalse(markdown.contains("for <img"), "raw HTML survived")
        for line in markdown.split(separator: "\n") where !line.hasPrefix("<script>") { // the fenced suggestion
            // Outside code spans, every `<` is escaped.
            let outsideCode = line.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 0 }.map(\.element).joined()
            XCTAssertNil(outsideCode.range(of: "(?<!\\\\)<", options: .regularExpression), String(line))
        }
        XCTAssertTrue(markdown.contains("\\<img src=x onerror=alert\\(1\\)\\>"), markdown)
        // The failure row keeps its four columns: the reason's `|` is escaped.
        let row = try XCTUnwrap(markdown.split(separator: "\n").first { $0.hasPrefix("| \\<mx onmouseover=x\\>") })
        XCTAssertEqual(row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count, 5, String(row))
        // The suggestion's why (three backticks and a newline) cannot close the code block early.
        XCTAssertTrue(markdown.contains("\\`\\`\\` break"), markdown)
    }
}
