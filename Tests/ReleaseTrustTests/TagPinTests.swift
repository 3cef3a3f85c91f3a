import PolicyGit
import ReleaseTrust
import XCTest

/// Pins select in version order, skip pre-releases, and the ledger catches moved tags.
final class TagPinTests: XCTestCase {
    func testPatternSelectsNewestInVersionNotLexicalOrder() {
        XCTAssertEqual(TagPin("v*").select(from: ["v1.9.0", "v1.10.0", "v1.2.0"]), "v1.10.0")
    }

    func testPatternSkipsPreReleasesAndNonVersions() {
        XCTAssertEqual(TagPin("v*").select(from: ["v1.0.0", "v2.0.0-rc1", "v2.0.0rc2", "vnext"]), "v1.0.0")
        XCTAssertEqual(TagPin("v1.*").select(from: ["v1.0.0", "v1.1.0", "v2.0.0"]), "v1.1.0")
        XCTAssertNil(TagPin("v*").select(from: ["release-1", "v2.0.0-rc1"]))
    }

    func testExactPinSelectsOnlyThatTagEvenAPreRelease() {
        XCTAssertEqual(TagPin("v2.0.0-rc1"), .exact("v2.0.0-rc1"))
        XCTAssertEqual(TagPin("v2.0.0-rc1").select(from: ["v1.0.0", "v2.0.0-rc1"]), "v2.0.0-rc1")
        XCTAssertNil(TagPin("v3.0.0").select(from: ["v1.0.0"]))
    }

    func testVersionOrderPutsPreReleaseBeforeRelease() throws {
        let rc = try XCTUnwrap(ReleaseVersion(tagName: "v2.0.0-rc1"))
        let release = try XCTUnwrap(ReleaseVersion(tagName: "v2.0.0"))
        XCTAssertLessThan(rc, release)
        XCTAssertLessThan(try XCTUnwrap(ReleaseVersion(tagName: "v2.0.0-rc2")), try XCTUnwrap(ReleaseVersion(tagName: "v2.0.0-rc10")))
        XCTAssertEqual(try XCTUnwrap(ReleaseVersion(tagName: "v1.0")), try XCTUnwrap(ReleaseVersion(tagName: "v1.0")))
        XCTAssertNil(ReleaseVersion(tagName: "latest"))
    }

    func testLedgerOfVerifiedTagsReportsMovesAndRoundTripsAsJSON() throws {
        let first = try XCTUnwrap(GitObjectID(hex: String(repeating: "a", count: 40)))
        let second = try XCTUnwrap(GitObjectID(hex: String(repeating: "b", count: 40)))
        var ledger = TagLedger(entries: ["v1.0.0": first])
        XCTAssertTrue(ledger.contains("v1.0.0"))
        XCTAssertFalse(ledger.contains("v1.1.0"))
        XCTAssertThrowsError(try ledger.check(GitTagReference(name: "v1.0.0", objectID: second))) { error in
            XCTAssertEqual(error as? ReleaseTrustError, .tagMoved(tag: "v1.0.0", previous: first, now: second))
        }
        XCTAssertNoThrow(try ledger.check(GitTagReference(name: "v1.1.0", objectID: second)),
                         "a tag never verified here cannot have moved")
        let json = try JSONEncoder().encode(ledger)
        XCTAssertEqual(try JSONDecoder().decode(TagLedger.self, from: json), ledger)
        XCTAssertTrue(ledger.forget("v1.0.0"))
        XCTAssertFalse(ledger.forget("v1.0.0"))
        XCTAssertEqual(ledger, TagLedger())
    }

    func testLedgerWithAMalformedObjectIDDoesNotDecode() {
        let json = Data("{\"v1.0.0\": \"not-an-id\"}".utf8)
        XCTAssertThrowsError(try JSONDecoder().decode(TagLedger.self, from: json)) { error in
            XCTAssertTrue("\(error)".contains("not-an-id"), "\(error)")
        }
    }
}
