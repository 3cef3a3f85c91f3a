import MTASTS
import XCTest

/// Policy file parsing (RFC 8461 3.2) and `mx` pattern matching (3.2, 4.1), no network.
final class MTASTSPolicyTests: XCTestCase {
    func testPolicyWithSeveralMXPatternsAndCRLF() throws {
        let text = "version: STSv1\r\nmode: enforce\r\nmx: mail.example.test\r\nmx: *.backup.example.test\r\nmax_age: 604800\r\n"
        let policy = try MTASTSPolicy(parsing: text)
        XCTAssertEqual(policy.mode, .enforce)
        XCTAssertEqual(policy.maxAge, 604_800)
        XCTAssertEqual(policy.mxPatterns.map(\.pattern), ["mail.example.test", "*.backup.example.test"])
    }

    func testPolicyWithLFAndNoFinalNewlineAndExtension() throws {
        let policy = try MTASTSPolicy(parsing: "version: STSv1\nmode:testing \t\nmx: MX.Example.Test\nmax_age:86400\nfuture_field: x y  café")
        XCTAssertEqual(policy.mode, .testing)
        XCTAssertEqual(policy.mxPatterns.map(\.pattern), ["mx.example.test"])
        XCTAssertEqual(policy.extensions, ["future_field": "x y  café"], "inner spaces and UTF-8 are allowed in an extension value")
    }

    /// RFC 8461 3.2: "If any non-repeated field -- i.e., all fields excepting "mx" -- is
    /// duplicated, all entries except for the first SHALL be ignored."
    func testDuplicatedFieldsKeepTheirFirstEntry() throws {
        let policy = try MTASTSPolicy(parsing: """
            version: STSv1
            mode: enforce
            mx: a.example.test
            max_age: 86400
            version: STSv2
            mode: none
            mx: b.example.test
            max_age: +1
            ext: first
            ext: second
            """)
        XCTAssertEqual(policy.mode, .enforce)
        XCTAssertEqual(policy.maxAge, 86_400)
        XCTAssertEqual(policy.mxPatterns.map(\.pattern), ["a.example.test", "b.example.test"], "mx repeats")
        XCTAssertEqual(policy.extensions, ["ext": "first"])
        // The first entry is the one that counts: an invalid first mode is not rescued by a second.
        XCTAssertThrowsError(try MTASTSPolicy(parsing: "version: STSv1\nmode: enforcing\nmode: enforce\nmx: a.test\nmax_age: 1\n"))
    }

    func testMaxAgeZeroAndLeadingZerosAreDigits() throws {
        XCTAssertEqual(try MTASTSPolicy(parsing: "version: STSv1\nmode: none\nmax_age: 0\n").maxAge, 0)
        XCTAssertEqual(try MTASTSPolicy(parsing: "version: STSv1\nmode: none\nmax_age: 0086400\n").maxAge, 86_400)
    }

    func testModeNoneNeedsNoMX() throws {
        let policy = try MTASTSPolicy(parsing: "version: STSv1\nmode: none\nmax_age: 1\n")
        XCTAssertEqual(policy.mode, .none)
        XCTAssertEqual(policy.mxPatterns, [])
    }

    func testInvalidPoliciesNameTheLine() {
        let cases: [(String, Int?, String)] = [
            ("version: STSv2\nmode: enforce\nmx: a.test\nmax_age: 1\n", 1, "not STSv1"),
            ("version: STSv1\nmode: enforcing\nmx: a.test\nmax_age: 1\n", 2, "not enforce, testing or none"),
            ("version: STSv1\nmode: Enforce\nmx: a.test\nmax_age: 1\n", 2, "not enforce"),
            ("version: STSv1\nmode: enforce\nmx: a.test\nmax_age: 31557601\n", 4, "exceeds"),
            ("version: STSv1\nmode: enforce\nmx: a.test\nmax_age: -1\n", 4, "1 to 10 digits"),
            ("version: STSv1\nmode: enforce\nmx: a.test\nmax_age: 12345678901\n", 4, "1 to 10 digits"),
            ("version: STSv1\nmode: enforce\nmx: *.*.a.test\nmax_age: 1\n", 3, "mx pattern"),
            ("version: STSv1\nmode: enforce\nmx: a..test\nmax_age: 1\n", 3, "mx pattern"),
            ("version: STSv1\nmode : enforce\nmx: a.test\nmax_age: 1\n", 2, "not a field name"),
            ("version: STSv1\nmode: enforce\nmx: a.test\nmax_age: +86400\n", 4, "1 to 10 digits"),
            ("version: STSv1\nmode: enforce\nmx: mx.a.test.\nmax_age: 1\n", 3, "mx pattern"),
            ("version: STSv1\nmode: enforce\nmx: mx_1.a.test\nmax_age: 1\n", 3, "mx pattern"),
            ("version: STSv1\nmode: enforce\nmx: -mx.a.test\nmax_age: 1\n", 3, "mx pattern"),
            ("version: STSv1\nmode: enforce\nmx: mx.*.a.test\nmax_age: 1\n", 3, "mx pattern"),
            ("version: STSv1\n\nmode: enforce\nmx: a.test\nmax_age: 1\n", 2, "empty line"),
            ("version: STSv1\nmode: enforce\nmx: a.test\nmax_age: 1\n\n", 5, "empty line"),
            (" version: STSv1\nmode: enforce\nmx: a.test\nmax_age: 1\n", 1, "not a field name"),
            ("version: STSv1\nmode: enforce\nmx: a.test\nmax_age: 1\n_ext: x\n", 5, "not a field name"),
            ("version: STSv1\nmode: enforce\nmx: a.test\nmax_age: 1\next:\n", 5, "no value"),
            ("version: STSv1\nmode: enforce\nmx: a.test\nmax_age: 1\next: a\tb\n", 5, "control character"),
            ("version: STSv1\nmode:\nmx: a.test\nmax_age: 1\n", 2, "no value"),
            ("version: STSv1\nmode: enforce\nmax_age: 1\n", nil, "at least one mx"),
            ("mode: enforce\nmx: a.test\nmax_age: 1\n", nil, "no version"),
            ("version: STSv1\nmode: enforce\nmx: a.test\n", nil, "no max_age"),
            ("", nil, "empty"),
            ("version: STSv1\r\nmode: enforce\rx\r\nmx: a.test\r\nmax_age: 1\r\n", 2, "stray carriage return"),
        ]
        for (text, line, fragment) in cases {
            XCTAssertThrowsError(try MTASTSPolicy(parsing: text), text) { error in
                guard let error = error as? MTASTSParseError else { return XCTFail("unexpected error \(error)") }
                XCTAssertEqual(error.source, .policy)
                XCTAssertEqual(error.line, line, "\(text.debugDescription): \(error)")
                XCTAssertTrue(error.reason.contains(fragment), "\(text.debugDescription): \(error)")
            }
        }
    }

    func testWildcardMatchesExactlyOneLeftmostLabel() throws {
        let pattern = try MXPattern(parsing: "*.example.test")
        XCTAssertTrue(pattern.matches("mx1.example.test"))
        XCTAssertTrue(pattern.matches("MX1.Example.Test."))
        XCTAssertFalse(pattern.matches("example.test"), "the * stands for one label, not none")
        XCTAssertFalse(pattern.matches("a.b.example.test"), "nor for two")
        XCTAssertFalse(pattern.matches("mx1.otherexample.test"))
        XCTAssertFalse(pattern.matches("mx1example.test"))
    }

    func testPlainPatternMatchesOnlyThatHost() throws {
        let pattern = try MXPattern(parsing: "mail.example.test")
        XCTAssertTrue(pattern.matches("mail.example.test"))
        XCTAssertTrue(pattern.matches("Mail.Example.Test."))
        XCTAssertFalse(pattern.matches("mx.mail.example.test"))
        XCTAssertFalse(pattern.matches("example.test"))
    }

    func testPolicyAllowsHostsMatchingAnyPattern() throws {
        let policy = try MTASTSPolicy(parsing: "version: STSv1\nmode: enforce\nmx: mail.example.test\nmx: *.backup.example.test\nmax_age: 86400\n")
        XCTAssertTrue(policy.allows(mxHost: "mail.example.test"))
        XCTAssertTrue(policy.allows(mxHost: "b1.backup.example.test"))
        XCTAssertFalse(policy.allows(mxHost: "other.example.test"))
    }
}
