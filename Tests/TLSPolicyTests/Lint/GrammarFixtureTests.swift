import Foundation
import XCTest
import TLSPolicy

/// Runs the grammar fixtures (shared with the Postfix conformance tests, which check
/// the same expectations against real Postfix) through the lint engine, per version.
final class GrammarFixtureTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("PostfixConformanceTests/Fixtures")

    enum Verdict: String {
        case valid, invalid, dropped
        case validWarning = "valid-warning"
    }

    /// `# expect X.Y: verdict` lines, keyed by the line where the entry they precede starts.
    static func expectations(in text: String) -> [Int: [(PostfixVersion, Verdict)]] {
        var result: [Int: [(PostfixVersion, Verdict)]] = [:]
        var pending: [(PostfixVersion, Verdict)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("# expect ") {
                let body = line.dropFirst("# expect ".count)
                guard let colon = body.firstIndex(of: ":"),
                      let version = PostfixVersion(String(body[..<colon])),
                      let verdict = Verdict(rawValue: body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                else { continue }
                pending.append((version, verdict))
            } else if !pending.isEmpty, let first = line.first, first != "#" {
                result[index + 1] = pending
                pending = []
            }
        }
        return result
    }

    func testEveryFixtureEntryGetsTheExpectedVerdictAtEachVersion() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path)
            .filter { $0.hasSuffix(".policy") }.sorted()
        XCTAssertFalse(files.isEmpty, "no fixtures in \(Self.fixtures.path)")
        var checked = 0
        for name in files {
            let url = Self.fixtures.appendingPathComponent(name)
            let bytes = try [UInt8](Data(contentsOf: url))
            let expectations = Self.expectations(in: String(decoding: bytes, as: UTF8.self))
            let versions = Set(expectations.values.flatMap { $0.map(\.0) })
            for version in versions {
                let host = PolicyValueParser.HostContext(dnssec: false, trustAnchorFileProblem: TrustAnchorFile.problem(path:))
                let table = PolicyTable(file: name, bytes: bytes, parser: PolicyValueParser(version: version, host: host))
                var verdicts: [Int: Verdict] = [:]
                for dropped in table.dropped { verdicts[dropped.line] = .dropped }
                for record in table.records {
                    let parse = record.parse
                    verdicts[record.lineNumber] = parse.error != nil ? .invalid
                        : (parse.warnings.isEmpty && record.key.lookupProblem == nil ? .valid : .validWarning)
                }
                for (line, expected) in expectations {
                    for (expectedVersion, verdict) in expected where expectedVersion == version {
                        XCTAssertEqual(verdicts[line], verdict, "\(name):\(line) at Postfix \(version)")
                        checked += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 50, "fixtures should cover every grammar row")
    }
}
