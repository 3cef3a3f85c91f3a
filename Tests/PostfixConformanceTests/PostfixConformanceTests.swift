import Foundation
import TLSPolicyLab
import XCTest

/// The fixtures and the real-world lists, judged by real Postfix 3.7 (through the lab's
/// oracle) and by `tls-policy-validator lint`, entry by entry.
final class PostfixConformanceTests: XCTestCase {
    // MARK: Fixture files (no root needed)

    /// Every expectation block sits directly above the first line of an entry, and every
    /// entry of every fixture has a `# expect 3.7:` line.
    func testEveryFixtureEntryHasAPostfix37Expectation() throws {
        var entries = 0
        for fixture in try PolicyFixture.all() {
            let lines = PostmapSourceReader.read([UInt8](fixture.data))
            let starts = Set(lines.map(\.startLine))
            for line in fixture.expectations.keys.sorted() where !starts.contains(line) {
                XCTFail("\(fixture.name):\(line): the expectation above this line names no entry starting here")
            }
            for entry in lines where fixture.expectation(version: "3.7", line: entry.startLine) == nil {
                XCTFail("\(fixture.name):\(entry.startLine): entry \(entry.key ?? "(continuation)") has no '# expect 3.7:' line")
            }
            entries += lines.count
        }
        XCTAssertGreaterThan(entries, 100, "the fixtures should cover every grammar row on both sides")
    }

    // MARK: Postfix against the fixtures

    /// Real Postfix 3.7's verdict on every fixture entry equals its `# expect 3.7:` line.
    func testPostfix37VerdictsMatchFixtureExpectations() throws {
        try LabRequirement.require()
        for fixture in try PolicyFixture.all() {
            let report = try OracleReportCache.shared.report(for: fixture.url)
            XCTAssertEqual(report.consistencyProblems, [], "\(fixture.name): oracle and postmap disagree on the table's structure")
            for entry in report.entries {
                let place = "\(fixture.name):\(entry.line) \(entry.key ?? "(continuation)")"
                guard let expected = fixture.expectation(version: "3.7", line: entry.line) else {
                    XCTFail("\(place): no '# expect 3.7:' line above this entry")
                    continue
                }
                switch (expected, entry.verdict) {
                case (.dropped, .dropped), (.invalid, .invalid), (.valid, .accepted), (.validWarning, .accepted),
                     (.validWarning, .notLookedUp):
                    continue
                default:
                    XCTFail("\(place): expected \(expected.rawValue), Postfix 3.7 says \(entry.verdict)")
                }
            }
        }
    }

    /// lint agrees with Postfix on every fixture entry: an error exactly where Postfix drops
    /// or refuses the entry, and a warning without error where the fixture says valid-warning.
    func testValidatorAgreesWithPostfixOnFixtures() throws {
        try LabRequirement.require()
        for fixture in try PolicyFixture.all() {
            let report = try OracleReportCache.shared.report(for: fixture.url)
            let document = try ValidatorBinary.lint(fixture.url)
            assertAgreement(report: report, document: document, tableName: fixture.name) { entry in
                fixture.expectation(version: "3.7", line: entry.line)
            }
        }
    }

    // MARK: The real-world lists

    /// Postfix 3.7 stores and accepts every entry of the csware list.
    func testPostfixAcceptsEveryEntryOfCswareList() throws {
        try LabRequirement.require()
        let report = try OracleReportCache.shared.report(for: try CorpusFile.url("csware-tls_policy"))
        XCTAssertEqual(report.consistencyProblems, [])
        XCTAssertGreaterThan(report.entries.count, 100)
        for entry in report.entries {
            guard case .accepted = entry.verdict else {
                XCTFail("csware-tls_policy:\(entry.line) \(entry.key ?? "-"): \(entry.verdict)")
                continue
            }
        }
        XCTAssertLessThan(report.duration, 60, "an oracle run over the list must stay well under a minute")
        print("oracle: csware-tls_policy, \(report.entries.count) entries in \(String(format: "%.2f", report.duration)) s "
            + "(deliveries \(String(format: "%.2f", report.deliveryDuration)) s)")
    }

    /// Under Postfix's default `smtp_dns_support_level` (empty), the csware DANE list is
    /// refused exactly on its `dane-only` entries ("dnssec lookups disabled").
    func testPostfixRefusesExactlyTheDaneOnlyEntriesOfCswareDaneList() throws {
        try LabRequirement.require()
        let report = try OracleReportCache.shared.report(for: try CorpusFile.url("csware-tls_policy-dane"))
        XCTAssertEqual(report.consistencyProblems, [])
        var daneOnly = 0
        for entry in report.entries {
            let level = entry.value?.split(whereSeparator: { " ,\t".contains($0) }).first?.lowercased()
            let place = "csware-tls_policy-dane:\(entry.line) \(entry.key ?? "-")"
            if level == "dane-only" {
                daneOnly += 1
                guard case .invalid(let reason) = entry.verdict, reason.contains("dnssec lookups disabled") else {
                    XCTFail("\(place): expected invalid (dnssec lookups disabled), got \(entry.verdict)")
                    continue
                }
            } else if case .accepted = entry.verdict {
                continue
            } else {
                XCTFail("\(place): expected accepted, got \(entry.verdict)")
            }
        }
        XCTAssertGreaterThan(daneOnly, 0, "the DANE list should hold dane-only entries")
        XCTAssertLessThan(report.duration, 60)
    }

    /// lint agrees with Postfix entry by entry on the csware list.
    func testValidatorAgreesWithPostfixOnCswareList() throws {
        try LabRequirement.require()
        let url = try CorpusFile.url("csware-tls_policy")
        let report = try OracleReportCache.shared.report(for: url)
        assertAgreement(report: report, document: try ValidatorBinary.lint(url), tableName: "csware-tls_policy") { _ in nil }
    }

    /// lint agrees with Postfix entry by entry on the csware DANE list: errors exactly on
    /// the `dane-only` entries (`host/dane-only-without-dnssec`, no `--dnssec` given).
    func testValidatorAgreesWithPostfixOnCswareDaneList() throws {
        try LabRequirement.require()
        let url = try CorpusFile.url("csware-tls_policy-dane")
        let report = try OracleReportCache.shared.report(for: url)
        assertAgreement(report: report, document: try ValidatorBinary.lint(url), tableName: "csware-tls_policy-dane") { _ in nil }
    }

    // MARK: Comparison

    /// Asserts, for every entry Postfix judged, that lint has an error iff Postfix dropped or
    /// refused it; for entries expected `valid-warning`, a warning and no error.
    private func assertAgreement(report: PolicyOracleReport, document: LintDocument, tableName: String,
                                 expectation: (PolicyOracleEntry) -> FixtureVerdict?,
                                 file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(document.version, 1, "\(tableName): lint JSON schema version", file: file, line: line)
        let agreement = LintAgreement(report: report, document: document)
        for diagnostic in agreement.unassigned where diagnostic.isError {
            XCTFail("\(tableName): lint error belongs to no entry: \(diagnostic)", file: file, line: line)
        }
        for entry in report.entries {
            let diagnostics = agreement.diagnostics(for: entry)
            let hasError = diagnostics.contains(where: \.isError)
            let hasWarning = diagnostics.contains(where: \.isWarning)
            let place = "\(tableName):\(entry.line) \(entry.key ?? "(continuation)")"
            let shown = diagnostics.isEmpty ? "none" : diagnostics.map(\.description).joined(separator: "; ")
            switch entry.verdict {
            case .dropped, .invalid, .accepted:
                if hasError != entry.verdict.isRejected {
                    XCTFail("\(place): Postfix says \(entry.verdict); lint \(hasError ? "reports" : "does not report") an error (diagnostics: \(shown))",
                            file: file, line: line)
                }
            case .notLookedUp:
                break  // stored, never looked up: only the fixture's expectation below applies
            case .noVerdict(let reason):
                XCTFail("\(place): the oracle gave no verdict (\(reason))", file: file, line: line)
            }
            if expectation(entry) == .validWarning, !(hasWarning && !hasError) {
                XCTFail("\(place): valid-warning entry needs a warning and no error from lint (diagnostics: \(shown))", file: file, line: line)
            }
        }
    }
}
