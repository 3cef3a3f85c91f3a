import Foundation
import PolicyReport
import TLSPolicyLab
import XCTest

/// The HTML page as a real browser (Debian's Chromium, headless, in a loopback-only lab
/// namespace) renders and parses it.
final class HeadlessBrowserTests: XCTestCase {
    private var namespace: LabNamespace?

    override func setUpWithError() throws {
        if let reason = LabEnvironment.unavailableReason { throw XCTSkip("lab unavailable: \(reason)") }
        namespace = try LabNamespace()
    }

    override func tearDown() {
        namespace?.stop()
        namespace = nil
    }

    private func write(_ html: String, _ name: String) throws -> URL {
        let namespace = try XCTUnwrap(namespace)
        let url = namespace.directory.appendingPathComponent(name)
        try LabFileSystem.write(html, to: url)
        return url
    }

    func testTheReportRendersToAScreenshotWellAboveABlankPage() throws {
        let chromium = try HeadlessChromium(namespace: try XCTUnwrap(namespace))
        let report = ReportMerger.merge(try ReportFixtures.history())
        let page = try write(HTMLReportRenderer().render(report), "report.html")
        let blank = try write("<!DOCTYPE html><html><head><title>blank</title></head><body></body></html>", "blank.html")

        let shot = try chromium.screenshot(page, to: page.deletingLastPathComponent().appendingPathComponent("report.png"),
                                           width: 1200, height: 1600)
        let empty = try chromium.screenshot(blank, to: blank.deletingLastPathComponent().appendingPathComponent("blank.png"),
                                            width: 1200, height: 1600)
        XCTAssertEqual(PNGHeader(shot), PNGHeader(width: 1200, height: 1600))
        XCTAssertEqual(PNGHeader(empty), PNGHeader(width: 1200, height: 1600))
        // A page of coloured bars, cards and tables compresses far worse than an empty one.
        XCTAssertGreaterThan(shot.count, 20_000)
        XCTAssertGreaterThan(shot.count, empty.count * 5, "report \(shot.count) bytes, blank \(empty.count) bytes")
    }

    func testTheBrowserSeesFailingEntryReasonSuggestionAndCounts() throws {
        let chromium = try HeadlessChromium(namespace: try XCTUnwrap(namespace))
        let report = ReportMerger.merge(try ReportFixtures.history())
        let dom = try chromium.dumpDOM(try write(HTMLReportRenderer(title: "Daily probe").render(report), "report.html"))

        XCTAssertTrue(dom.contains("<title>Daily probe</title>"), dom)
        // The summary bar: a segment per verdict present, each with its count.
        for verdict in ["fail", "stronger", "unreachable", "pass"] {
            XCTAssertTrue(dom.contains("class=\"seg \(verdict)\" style=\"width: 25.0%\" title=\"1 \(verdict)\"><span>1</span>"), verdict)
        }
        XCTAssertTrue(dom.contains("<strong>5</strong> entries"), dom)
        // The failing entry comes first, with the reason per MX host and the suggested line.
        let failing = try XCTUnwrap(dom.range(of: "<h2>Failing entries (1)</h2>"))
        let stronger = try XCTUnwrap(dom.range(of: "<h2>Stronger lines possible (1)</h2>"))
        let providers = try XCTUnwrap(dom.range(of: "<h2>Providers (2)</h2>"))
        XCTAssertLessThan(failing.lowerBound, stronger.lowerBound)
        XCTAssertLessThan(stronger.lowerBound, providers.lowerBound)
        let failingSection = dom[failing.upperBound..<stronger.lowerBound]
        XCTAssertTrue(failingSection.contains("<code>bad.test</code>"))
        XCTAssertTrue(failingSection.contains("server certificate verification failed for mx1.provider.test[127.0.0.2]:25: num=62:hostname mismatch"))
        XCTAssertTrue(failingSection.contains("TLS is required, but was not offered by host mx2.provider.test[127.0.0.3]"))
        XCTAssertTrue(failingSection.contains("<code>starttls-not-supported</code>"))
        XCTAssertTrue(failingSection.contains("<pre class=\"suggested\">bad.test secure match=.provider.test</pre>"))
        XCTAssertTrue(failingSection.contains("last verified <strong>2026-11-01T03:00:00Z</strong>"))
    }

    func testHostileStringsStayTextInTheBrowsersDOM() throws {
        let chromium = try HeadlessChromium(namespace: try XCTUnwrap(namespace))
        let report = ReportMerger.merge([try ReportFixtures.file("hostile.json", at: ReportFixtures.newerRun)])
        let dom = try chromium.dumpDOM(try write(HTMLReportRenderer().render(report), "hostile.html"))
        for element in ["<script", "<img", "<svg", "<b>", "<i>", "<mx"] {
            XCTAssertFalse(dom.contains(element), "the browser built a \(element) element")
        }
        XCTAssertTrue(dom.contains("<code>&lt;script&gt;alert(1)&lt;/script&gt;.test</code>"), dom)
        XCTAssertTrue(dom.contains("&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;</pre>"), dom)
    }
}
