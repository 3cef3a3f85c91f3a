import Foundation
import PolicyProbe
import TLSPolicyLab
import XCTest

/// DANE behind a real validating resolver: TLSA match and mismatch, an unsigned zone
/// (Postfix's "non DNSSEC destination"), the `#@ dane` mark suggested and checked.
final class ProbeDANETests: XCTestCase {
    func testDANEMatchMismatchAndUnsignedZone() throws {
        let lab = try PolicyProbeLab()
        defer { lab.stop() }
        try lab.startDANEZones()
        let report = try lab.probe("""
            dane.test dane-only
            bad.dane.test dane-only
            plain.test dane-only
            alt.plain.test dane
            pkix.dane.test secure match=mx.dane.test
            #@ dane
            marked.plain.test secure match=mx.plain.test

            """)

        let match = try report.entry("dane.test")
        XCTAssertEqual(match.verdict, .pass, match.summary)
        XCTAssertEqual(match.mxHosts.first?.tlsa.status, .validated)
        XCTAssertTrue(match.mxHosts.first?.addresses.first?.tlsa?.hasPrefix("matched 3 0 1") ?? false,
                      match.mxHosts.first?.addresses.first?.tlsa ?? "no TLSA status")

        let mismatch = try report.entry("bad.dane.test")
        XCTAssertEqual(mismatch.verdict, .fail, mismatch.summary)
        XCTAssertEqual(mismatch.failures.first?.resultType, "tlsa-invalid")

        // Unsigned zone: the MX answer has no AD bit.
        let unsigned = try report.entry("plain.test")
        XCTAssertEqual(unsigned.verdict, .fail, unsigned.summary)
        XCTAssertEqual(unsigned.failures.first?.reason, "non DNSSEC destination")
        XCTAssertEqual(unsigned.failures.first?.resultType, "dnssec-invalid")
        XCTAssertEqual(unsigned.mxHosts.first?.tlsa.status, .insecure)
        // At "dane" the same destination gets opportunistic TLS, and mail goes out.
        let opportunistic = try report.entry("alt.plain.test")
        XCTAssertEqual(opportunistic.verdict, .pass, opportunistic.summary)
        XCTAssertEqual(opportunistic.mxHosts.first?.addresses.first?.level, "may")

        let pkix = try report.entry("pkix.dane.test")
        XCTAssertEqual(pkix.verdict, .stronger, pkix.summary)
        XCTAssertTrue(pkix.daneCapable)
        XCTAssertEqual(pkix.suggestion?.annotations, ["#@ dane"])
        XCTAssertEqual(pkix.suggestion?.line, "pkix.dane.test secure match=mx.dane.test")

        let marked = try report.entry("marked.plain.test")
        XCTAssertEqual(marked.verdict, .fail, "a #@ dane mark without DNSSEC makes render --dane defer: \(marked.summary)")
        XCTAssertFalse(marked.daneCapable)

        // A client that does not believe the AD bit (Postfix without smtp_dns_support_level =
        // dnssec, as the agent's host canary models it): the validated destination is a
        // "non DNSSEC destination" for it.
        var untrusting = lab.configuration()
        untrusting.trustsDNSSEC = false
        let blind = try lab.probe("dane.test dane-only\n", configuration: untrusting).entry("dane.test")
        XCTAssertEqual(blind.verdict, .fail, blind.summary)
        XCTAssertEqual(blind.failures.first?.reason, "non DNSSEC destination")
    }
}
