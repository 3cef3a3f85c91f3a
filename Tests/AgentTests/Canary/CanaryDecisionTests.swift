import Foundation
@testable import PolicySync
import XCTest

/// The host canary's pure rules: which lines it probes, which it holds, and the table it
/// deploys. The probe itself runs against real servers in EndToEndTests.
final class CanaryDecisionTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func entries(_ text: String) -> [String: String] { TableDiff.entries(Array(text.utf8)) }

    func testOnlyNewAndNotWeakenedLinesThatRequireTLSAreProbed() {
        let live = entries("""
            same.test secure match=.same.test
            changed.test secure match=.old.test
            weakened.test secure
            removed.test encrypt
            raised.test encrypt

            """)
        let rendered = entries("""
            same.test secure match=.same.test
            changed.test secure match=.new.test
            weakened.test encrypt
            raised.test secure
            new.test encrypt
            opportunistic.test may
            cleartext.test none

            """)
        let candidates = CanaryCandidate.select(live: live, rendered: rendered)
        XCTAssertEqual(candidates, [
            CanaryCandidate(key: "changed.test", value: "secure match=.new.test", liveValue: "secure match=.old.test"),
            CanaryCandidate(key: "new.test", value: "encrypt", liveValue: nil),
            CanaryCandidate(key: "raised.test", value: "secure", liveValue: "encrypt"),
        ])
    }

    func testAnUnchangedTableHasNothingToProbe() {
        let table = entries("a.test secure\nb.test encrypt\n")
        XCTAssertTrue(CanaryCandidate.select(live: table, rendered: table).isEmpty)
    }

    private let candidates = [
        CanaryCandidate(key: "changed.test", value: "secure match=.new.test", liveValue: "secure match=.old.test"),
        CanaryCandidate(key: "new.test", value: "secure", liveValue: nil),
        CanaryCandidate(key: "passing.test", value: "secure", liveValue: nil),
        CanaryCandidate(key: "silent.test", value: "encrypt", liveValue: nil),
    ]

    private var verdicts: [String: CanaryVerdict] {
        [
            "changed.test": .wouldDefer(reason: "hostname mismatch", resultType: "certificate-host-mismatch"),
            "new.test": .wouldDefer(reason: "untrusted issuer", resultType: "certificate-not-trusted"),
            "passing.test": .passes,
            "silent.test": .unverified(reason: "no MX host answered"),
        ]
    }

    private let rendered = """
        # Postfix TLS policy table
        changed.test secure match=.new.test
        kept.test encrypt
        new.test secure
        passing.test secure
        silent.test encrypt

        """

    func testHoldKeepsTheLiveLineOfAChangedKeyAndLeavesANewKeyOut() throws {
        let decision = CanaryDecision(mode: .hold, candidates: candidates, verdicts: verdicts, tag: "v2", now: now)
        XCTAssertEqual(decision.held.map(\.key), ["changed.test", "new.test"])
        XCTAssertEqual(decision.reported, [])
        XCTAssertEqual(decision.unverified.map(\.key), ["silent.test"])
        let held = try XCTUnwrap(decision.held.first)
        XCTAssertEqual(held, CanaryFinding(key: "changed.test", tag: "v2", line: "secure match=.new.test",
                                           liveLine: "secure match=.old.test", reason: "hostname mismatch",
                                           resultType: "certificate-host-mismatch", probedAt: now))
        let table = String(decoding: decision.apply(to: Array(rendered.utf8)), as: UTF8.self)
        XCTAssertEqual(table, """
            # Postfix TLS policy table
            changed.test secure match=.old.test
            kept.test encrypt
            passing.test secure
            silent.test encrypt

            """)
        XCTAssertEqual(decision.record, CanaryRecord(held: decision.held, reported: [], unverified: 1))
    }

    func testReportDeploysEveryLineAndReportsTheFailingOnes() {
        let decision = CanaryDecision(mode: .report, candidates: candidates, verdicts: verdicts, tag: "v2", now: now)
        XCTAssertEqual(decision.held, [])
        XCTAssertEqual(decision.reported.map(\.key), ["changed.test", "new.test"])
        XCTAssertEqual(decision.apply(to: Array(rendered.utf8)), Array(rendered.utf8))
    }

    func testOffAndUnprobedLinesHoldNothing() {
        let off = CanaryDecision(mode: .off, candidates: candidates, verdicts: verdicts, tag: "v2", now: now)
        XCTAssertNil(off.record)
        XCTAssertEqual(off.apply(to: Array(rendered.utf8)), Array(rendered.utf8))
        // Only a probe holds a line: no verdict (never probed) is never a "pass" recorded, nor a hold.
        let unprobed = CanaryDecision(mode: .hold, candidates: candidates, verdicts: [:], tag: "v2", now: now)
        XCTAssertNil(unprobed.record)
        XCTAssertEqual(unprobed.apply(to: Array(rendered.utf8)), Array(rendered.utf8))
    }

    func testAHeldKeysContinuationLinesGoWithIt() {
        let decision = CanaryDecision(mode: .hold, candidates: [CanaryCandidate(key: "new.test", value: "secure match=a:b",
                                                                                liveValue: nil)],
                                      verdicts: ["new.test": .wouldDefer(reason: "r", resultType: "t")], tag: "v2", now: now)
        let table = "a.test encrypt\nNEW.test secure\n  match=a:b\nz.test may\n"
        XCTAssertEqual(String(decoding: decision.apply(to: Array(table.utf8)), as: UTF8.self), "a.test encrypt\nz.test may\n")
    }
}
