import XCTest
import TLSPolicy

/// One test per dataset rule: each names the rule, the line and the column it reports.
final class DatasetRulesTests: XCTestCase {
    private let header = "# Provider: Example\n# Evidence: test, 2026-11-23\n\n"

    private func lint(_ files: [(String, String)], minimum: PostfixVersion = PostfixVersion(major: 3, minor: 5)) -> [Diagnostic] {
        let rules = DatasetRules(options: LintOptions(rules: .dataset, postfixVersion: .v3_11),
                                 manifest: DatasetManifest(minimumPostfixVersion: minimum))
        return rules.lint(files.map { LintSource(name: $0.0, bytes: Array($0.1.utf8)) }).diagnostics
    }

    private func findings(_ body: String) -> [(RuleID, Int, Int)] {
        lint([("a.policy", header + body)]).map { ($0.rule, $0.line, $0.column) }
    }

    func testCleanFileHasNoFindings() {
        XCTAssertTrue(lint([("a.policy", header + "a.example secure match=.a.example\nb.example encrypt\n")]).isEmpty)
    }

    func testKeyAppearsOnceAcrossFilesCaseInsensitively() {
        let diagnostics = lint([("a.policy", header + "a.example encrypt\n"),
                                ("b.policy", header + "a.example secure match=nexthop\n")])
        XCTAssertEqual(diagnostics.map(\.rule), [.datasetDuplicateKey])
        XCTAssertEqual(diagnostics.first?.file, "b.policy")
        XCTAssertEqual(diagnostics.first?.line, 4)
        XCTAssertTrue(diagnostics.first?.message.contains("a.policy:4") ?? false)
    }

    func testUpperCaseAndNonASCIIKeysAreRefused() {
        XCTAssertEqual(findings("A.example encrypt\n").map(\.0), [.datasetKeySyntax, .datasetNotCanonical])
        XCTAssertEqual(findings("bücher.example encrypt\n").map(\.0), [.datasetKeySyntax])
    }

    func testRoutingKeysAreRefused() {
        XCTAssertEqual(findings("[mx.example]:25 encrypt\n").map(\.0), [.datasetRoutingKey])
        XCTAssertEqual(findings("mx.example:2525 encrypt\n").map(\.0), [.datasetRoutingKey])
    }

    func testLevelsBelowEncryptAndDaneOnlyAreRefused() {
        XCTAssertEqual(findings("a.example may\n").map(\.0), [.datasetWeakLevel])
        XCTAssertEqual(findings("a.example dane\n").map(\.0), [.datasetWeakLevel])
        XCTAssertEqual(findings("a.example dane-only\n").map(\.0).filter { $0 == .datasetDaneAnnotation },
                       [.datasetDaneAnnotation])
    }

    func testFingerprintAndTafileAreHostSpecific() {
        let digest = Array(repeating: "AB", count: 32).joined(separator: ":")
        XCTAssertEqual(findings("a.example fingerprint match=\(digest)\n").map(\.0), [.datasetHostSpecific])
        let tafile = findings("a.example secure tafile=/etc/ta.pem\n")
        XCTAssertEqual(tafile.map(\.0), [.datasetHostSpecific])
        XCTAssertEqual(tafile.first.map { [$0.1, $0.2] }, [4, 18])
    }

    func testUnsortedFileIsNotCanonicalAtTheFirstDifferentLine() {
        let found = findings("b.example encrypt\na.example encrypt\n")
        XCTAssertEqual(found.map(\.0), [.datasetNotCanonical])
        XCTAssertEqual(found.first?.1, 4)
    }

    func testFileWithoutProviderHeaderIsRefused() {
        let diagnostics = lint([("a.policy", "a.example encrypt\n")])
        XCTAssertEqual(diagnostics.map(\.rule), [.datasetMissingHeader])
    }

    func testUnknownAnnotationAndDaneMarkOnAWeakEntryAreRefused() {
        XCTAssertEqual(findings("#@ danish\na.example encrypt\n").map(\.0), [.datasetDaneAnnotation])
    }

    func testBraceInValueIsRefusedAtItsColumn() {
        let found = findings("a.example secure match={.a.example}\n")
        XCTAssertEqual(found.map(\.0), [.datasetBraceInValue])
        XCTAssertEqual(found.first.map { [$0.1, $0.2] }, [4, 24])
        // A brace in the key (a key no lookup produces) does not hide one in the value.
        let both = findings("\"{a}.example\" secure match={.a.example}\n").filter { $0.0 == .datasetBraceInValue }
        XCTAssertEqual(both.map { [$0.1, $0.2] }, [[4, 28]])
    }

    func testAttributeNewerThanTheDeclaredMinimumIsAnError() {
        let diagnostics = lint([("a.policy", header + "a.example secure servername=hostname\n")], minimum: PostfixVersion(major: 3, minor: 3))
        XCTAssertEqual(diagnostics.map(\.rule), [.policyAttributeVersion])
        XCTAssertEqual(diagnostics.first?.severity, .error)
    }

    func testHandshakeWarningsBecomeErrors() {
        let diagnostics = lint([("a.policy", header + "a.example secure match=.\n")])
        XCTAssertEqual(Set(diagnostics.map(\.rule)), [.handshakeLoneDot, .handshakeNoUsableMatch])
        XCTAssertTrue(diagnostics.allSatisfy { $0.severity == .error })
    }
}
