import Foundation
import TLSPolicyLab
import XCTest

/// The oracle itself: real Postfix behaves as POLICY-GRAMMAR.md says for a handful of
/// clear cases, and each verdict carries Postfix's own reason.
final class OracleSelfTests: XCTestCase {
    /// One table for all the cases below; line numbers matter (see the tests).
    static let table = """
        secure-match.test secure match=x
        encrypt-match.test encrypt match=x
        bogus-level.test bogus
        key-only.test
        comment-after.test secure # note
        comment-below.test secure
            # note
        dane-only.test dane-only
        may.test may
        [bracket.test]:2525 encrypt
        "quoted.test" encrypt

        """

    private func report() throws -> PolicyOracleReport {
        try LabRequirement.require()
        return try OracleReportCache.shared.report(table: Data(Self.table.utf8), name: "OracleSelfTests")
    }

    private func entry(_ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> PolicyOracleEntry {
        let report = try report()
        return try XCTUnwrap(report.entry(key: key), "no entry \(key)", file: file, line: line)
    }

    func testSecureWithMatchIsValidAndReachesTheHandshake() throws {
        let entry = try entry("secure-match.test")
        // The receiver's certificate names mx.lab.test, not "x": verification fails at the
        // handshake, which proves that the entry was parsed and applied.
        XCTAssertEqual(entry.verdict, .accepted(outcome: .deferred, detail: "Server certificate not verified"))
    }

    func testMatchAtEncryptIsInvalid() throws {
        guard case .invalid(let reason) = try entry("encrypt-match.test").verdict else {
            return XCTFail("expected invalid")
        }
        XCTAssertTrue(reason.contains("attribute \"match\" invalid at security level \"encrypt\""), reason)
    }

    func testUnknownLevelIsInvalid() throws {
        guard case .invalid(let reason) = try entry("bogus-level.test").verdict else { return XCTFail("expected invalid") }
        XCTAssertTrue(reason.contains("invalid security level \"bogus\""), reason)
    }

    func testKeyWithoutValueIsDroppedByPostmap() throws {
        let entry = try entry("key-only.test")
        XCTAssertEqual(entry.line, 4)
        guard case .dropped(let reason) = entry.verdict else { return XCTFail("expected dropped, got \(entry.verdict)") }
        XCTAssertTrue(reason.contains("line 4: expected format: key whitespace value"), reason)
    }

    func testCommentAfterTheValueMakesTheEntryInvalid() throws {
        guard case .invalid(let reason) = try entry("comment-after.test").verdict else { return XCTFail("expected invalid") }
        XCTAssertTrue(reason.contains("malformed attribute/value pair \"#\""), reason)
    }

    func testIndentedCommentLineBelowIsHarmless() throws {
        let entry = try entry("comment-below.test")
        XCTAssertEqual(entry.value, "secure")
        XCTAssertEqual(entry.line, 6)
        XCTAssertEqual(entry.endLine, 6, "a comment line adds nothing to the entry")
        guard case .accepted = entry.verdict else { return XCTFail("expected accepted, got \(entry.verdict)") }
    }

    func testDaneOnlyIsInvalidWithoutDNSSECLookups() throws {
        guard case .invalid(let reason) = try entry("dane-only.test").verdict else { return XCTFail("expected invalid") }
        XCTAssertTrue(reason.contains("dane-only configured with dnssec lookups disabled"), reason)
    }

    func testMayIsDelivered() throws {
        let entry = try entry("may.test")
        XCTAssertEqual(entry.recipient, "probe@may.test")
        guard case .accepted(.sent, _) = entry.verdict else { return XCTFail("expected sent, got \(entry.verdict)") }
    }

    func testBracketedKeyWithPortIsLookedUpThroughATransport() throws {
        let entry = try entry("[bracket.test]:2525")
        XCTAssertEqual(entry.lookupKey, "[bracket.test]:2525")
        guard case .accepted(.sent, _) = entry.verdict else { return XCTFail("expected sent, got \(entry.verdict)") }
    }

    func testQuotedKeyIsStoredButNeverLookedUp() throws {
        guard case .notLookedUp = try entry("\"quoted.test\"").verdict else { return XCTFail("expected notLookedUp") }
    }

    func testReportIsConsistentWithPostmap() throws {
        let report = try report()
        XCTAssertEqual(report.consistencyProblems, [])
        XCTAssertEqual(report.entries.count, 10)
        XCTAssertLessThan(report.duration, 30)
    }

    /// With DNSSEC lookups on (but a resolver that sets no AD bit), dane-only parses and
    /// defers for "non DNSSEC destination": the sender's settings reach the oracle's Postfix.
    func testDaneOnlyIsAppliedWhenTheSenderDoesDNSSECLookups() throws {
        try LabRequirement.require()
        let report = try OracleReportCache.shared.report(
            table: Data("dane-only.test dane-only\n".utf8), name: "dane-only with dnssec",
            senderParameters: ["smtp_dns_support_level": "dnssec"])
        let entry = try XCTUnwrap(report.entries.first)
        XCTAssertEqual(entry.verdict, .accepted(outcome: .deferred, detail: "non DNSSEC destination"))
    }
}
