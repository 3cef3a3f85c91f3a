import XCTest
@testable import TLSPolicy

final class EFFPolicyImporterTests: XCTestCase {
    private func list(policies: String, aliases: String = "{}") -> String {
        """
        {
          "timestamp": "2020-05-20T10:25:12.710034-07:00",
          "expires": "2020-06-03T10:25:12.710055-07:00",
          "version": "0.1",
          "policy-aliases": \(aliases),
          "policies": {
        \(policies)
          }
        }
        """
    }

    func testEnforceBecomesSecureMatchWithTheMXNames() throws {
        let report = try ImportTestSupport.effImport(list(policies: """
            "comcast.net": { "mode": "enforce", "mxs": ["mx1.comcast.net", "mx2.comcast.net"] }
            """))
        XCTAssertEqual(report.kept.map(\.entry.tableLine), ["comcast.net secure match=mx1.comcast.net:mx2.comcast.net"])
        XCTAssertTrue(report.notes.allSatisfy { $0.key == nil }, "exact names are not widened: \(report.notes)")
    }

    func testTestingModeIsDroppedBecauseTheListDoesNotEnforceIt() throws {
        let report = try ImportTestSupport.effImport(list(policies: """
            "eff.org": { "mode": "testing", "mxs": [".eff.org"] }
            """))
        XCTAssertTrue(report.kept.isEmpty)
        XCTAssertEqual(report.dropReason(for: "eff.org"), .testingMode)
    }

    func testUnknownModeIsDropped() throws {
        let report = try ImportTestSupport.effImport(list(policies: """
            "a.example": { "mode": "strict", "mxs": ["mx.a.example"] }
            """))
        XCTAssertEqual(report.dropReason(for: "a.example"), .unknownMode("strict"))
    }

    func testPolicyAliasIsResolved() throws {
        let report = try ImportTestSupport.effImport(list(
            policies: """
                "aol.com": { "policy-alias": "yahoo" },
                "yahoo.com": { "policy-alias": "yahoo" },
                "gone.example": { "policy-alias": "nobody" }
                """,
            aliases: """
                { "yahoo": { "mode": "enforce", "mxs": ["mta5.am0.yahoodns.net"] } }
                """))
        XCTAssertEqual(report.kept.map(\.entry.tableLine), [
            "aol.com secure match=mta5.am0.yahoodns.net", "yahoo.com secure match=mta5.am0.yahoodns.net",
        ])
        XCTAssertEqual(report.keptEntry("aol.com")?.comments.first, "EFF STARTTLS Everywhere: mode enforce (policy-alias yahoo)")
        XCTAssertEqual(report.dropReason(for: "gone.example"), .unknownAlias("nobody"))
    }

    func testAliasInTestingModeIsDropped() throws {
        let report = try ImportTestSupport.effImport(list(
            policies: #""hotmail.com": { "policy-alias": "outlook" }"#,
            aliases: #"{ "outlook": { "mode": "testing", "mxs": [".olc.protection.outlook.com"] } }"#))
        XCTAssertEqual(report.dropReason(for: "hotmail.com"), .testingMode)
    }

    func testLeadingDotPatternBecomesPostfixSuffixFormAndTheWideningIsReported() throws {
        let report = try ImportTestSupport.effImport(list(policies: """
            "gmail.com": { "mode": "enforce", "mxs": ["gmail-smtp-in.l.google.com", ".gmail-smtp-in.l.google.com"] }
            """))
        let kept = try XCTUnwrap(report.keptEntry("gmail.com"))
        XCTAssertEqual(kept.entry.matchPatterns, [
            .exact("gmail-smtp-in.l.google.com"), .subdomains(of: "gmail-smtp-in.l.google.com"),
        ])
        let note = try XCTUnwrap(report.notes.first { $0.key == "gmail.com" })
        XCTAssertTrue(note.message.contains(".gmail-smtp-in.l.google.com"))
        XCTAssertTrue(note.message.contains("any depth"))
        XCTAssertTrue(kept.comments.contains(note.message), "the widening is visible to reviewers in the file too")
    }

    func testNamesAreLowerCasedAndDuplicatesRemoved() throws {
        let report = try ImportTestSupport.effImport(list(policies: """
            "Example.ORG": { "mode": "enforce", "mxs": ["ASPMX.L.GOOGLE.COM", "aspmx.l.google.com"] }
            """))
        XCTAssertEqual(report.kept.map(\.entry.tableLine), ["example.org secure match=aspmx.l.google.com"])
    }

    func testMXPatternThatIsNotAHostNameDropsTheWholeEntry() throws {
        let report = try ImportTestSupport.effImport(list(policies: """
            "a.example": { "mode": "enforce", "mxs": ["mx.a.example", "mx:b.example"] },
            "b.example": { "mode": "enforce", "mxs": ["*.b.example"] },
            "c.example": { "mode": "enforce", "mxs": [] }
            """))
        XCTAssertEqual(report.dropReason(for: "a.example"), .invalidMXPattern("mx:b.example"))
        XCTAssertEqual(report.dropReason(for: "b.example"), .invalidMXPattern("*.b.example"))
        XCTAssertEqual(report.dropReason(for: "c.example"), .noMXPatterns)
    }

    func testMalformedPolicyIsDroppedNotFatal() throws {
        let report = try ImportTestSupport.effImport(list(policies: """
            "a.example": "enforce",
            "b.example": { "mode": "enforce", "mxs": "mx.b.example" },
            "c.example": { "mode": "enforce", "mxs": ["mx.c.example"] }
            """))
        guard case .malformedPolicy? = report.dropReason(for: "a.example"),
              case .malformedPolicy? = report.dropReason(for: "b.example")
        else { return XCTFail("\(report.dropped)") }
        XCTAssertEqual(report.kept.map(\.key), ["c.example"])
    }

    func testDroppedEntriesCarryTheLineOfTheirKey() throws {
        let report = try ImportTestSupport.effImport(list(policies: """
            "a.example": { "mode": "enforce", "mxs": ["mx.a.example"] },
            "b.example": {
              "mode": "testing", "mxs": ["mx.b.example"] }
            """))
        XCTAssertEqual(report.dropped.first?.origin, ImportLocation(file: "policy.json", line: 8))
        XCTAssertEqual(report.kept.first?.origin.line, 7)
    }

    func testEvidenceAndExpiryComeFromTheListItself() throws {
        let report = try ImportTestSupport.effImport(list(policies: ""))
        XCTAssertEqual(report.evidence, "EFF STARTTLS Everywhere policy.json, version 0.1, timestamp 2020-05-20 (Apache 2.0)")
        XCTAssertEqual(report.headerNotes.count, 1)
        XCTAssertTrue(report.headerNotes[0].contains("2020-06-03"))
    }

    func testInputThatIsNotAnEFFListIsRefused() {
        XCTAssertThrowsError(try ImportTestSupport.effImport("a.example secure\n")) { error in
            guard case ImportError.invalidJSON? = error as? ImportError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try ImportTestSupport.effImport(#"{"version": "0.1"}"#)) { error in
            guard case ImportError.unexpectedJSON? = error as? ImportError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try ImportTestSupport.effImport("[]")) { error in
            guard case ImportError.unexpectedJSON? = error as? ImportError else { return XCTFail("\(error)") }
        }
    }
}
