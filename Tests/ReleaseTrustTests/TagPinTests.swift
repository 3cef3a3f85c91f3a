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

    func testLedgerReportsMovedTagAndRoundTrips() throws {
        let first = try XCTUnwrap(GitObjectID(hex: String(repeating: "a", count: 40)))
        let second = try XCTUnwrap(GitObjectID(hex: String(repeating: "b", count: 40)))
        var ledger = TagLedger()
        ledger.record([GitTagReference(name: "v1.0.0", objectID: first)])
        ledger.record([GitTagReference(name: "v1.0.0", objectID: second)])
        XCTAssertEqual(ledger.entries["v1.0.0"], first, "a recorded tag keeps its first object")
        XCTAssertThrowsError(try ledger.check(GitTagReference(name: "v1.0.0", objectID: second))) { error in
            XCTAssertEqual(error as? ReleaseTrustError, .tagMoved(tag: "v1.0.0", previous: first, now: second))
        }
        let reread = try TagLedger(parsing: ledger.serialized(), path: "ledger")
        XCTAssertEqual(reread, ledger)
    }

    func testMalformedLedgerLineIsRefusedWithPathAndLine() {
        let text = String(repeating: "a", count: 40) + " v1.0.0\nnot-an-id v2\n"
        XCTAssertThrowsError(try TagLedger(parsing: text, path: "/var/lib/agent/tags")) { error in
            XCTAssertEqual(error as? ReleaseTrustError,
                           .malformedLedger(path: "/var/lib/agent/tags", line: 2, reason: "expected 'OBJECT-ID TAG-NAME'"))
        }
    }
}
