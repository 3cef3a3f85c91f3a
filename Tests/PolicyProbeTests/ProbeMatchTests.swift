import Foundation
import PolicyProbe
import TLSPolicyLab
import XCTest

/// Every `match=` kind, the one-label wildcard rule, the dot-pattern rule, partial
/// wildcards, and `fingerprint` match and mismatch, against real lab servers.
final class ProbeMatchTests: XCTestCase {
    func testMatchKindsWildcardsAndFingerprints() throws {
        let lab = try PolicyProbeLab()
        defer { lab.stop() }
        let kinds = try XCTUnwrap(try lab.smtp("127.0.0.2", names: ["mx.kinds.test", "kind-nexthop.test", "mx.kind-dot.test"]))
        let wildcard = try XCTUnwrap(try lab.smtp("127.0.0.3", names: ["*.wild.test"]))
        try lab.smtp("127.0.0.4", names: ["mx*.part.test"])
        var records: [DNSRecord] = [
            .a(name: "mx.kinds.test", address: "127.0.0.2"),
            .a(name: "mx.wild.test", address: "127.0.0.3"),
            .a(name: "mx1.part.test", address: "127.0.0.4"),
        ]
        for domain in ["kind-nexthop.test", "kind-dot.test", "kind-hostname.test", "kind-exact.test", "kind-parent.test",
                       "kind-miss.test", "fp-ok.test", "fp-key.test", "fp-bad.test"] {
            records.append(.mx(domain: domain, host: "mx.kinds.test"))
        }
        for domain in ["wild-one.test", "wild-two.test", "wild-dot.test"] {
            records.append(.mx(domain: domain, host: "mx.wild.test"))
        }
        records.append(.mx(domain: "partial.test", host: "mx1.part.test"))
        try lab.dnsmasq(records)

        let report = try lab.probe("""
            kind-nexthop.test secure match=nexthop
            kind-dot.test secure match=dot-nexthop
            kind-hostname.test verify match=hostname
            kind-exact.test secure match=mx.kinds.test
            kind-parent.test secure match=.kinds.test
            kind-miss.test secure match=.other.test
            wild-one.test secure match=mx.wild.test
            wild-two.test secure match=a.mx.wild.test
            wild-dot.test secure match=.wild.test
            partial.test secure match=mx1.part.test
            fp-ok.test fingerprint match=\(try kinds.certificateSHA256())
            fp-key.test fingerprint match=\(try kinds.publicKeySHA256())
            fp-bad.test fingerprint match=\(try wildcard.certificateSHA256())

            """)
        for key in ["kind-nexthop.test", "kind-dot.test", "kind-hostname.test", "kind-exact.test", "kind-parent.test",
                    "wild-one.test", "wild-dot.test", "fp-ok.test", "fp-key.test"] {
            let entry = try report.entry(key)
            XCTAssertTrue([.pass, .stronger].contains(entry.verdict), "\(key): \(entry.verdict) \(entry.summary)")
            XCTAssertTrue(entry.failures.isEmpty, "\(key): \(entry.failures)")
        }
        XCTAssertEqual(try report.entry("kind-dot.test").mxHosts.first?.addresses.first?.matchedName, "mx.kind-dot.test")

        let miss = try report.entry("kind-miss.test")
        XCTAssertEqual(miss.verdict, .fail)
        XCTAssertEqual(miss.failures.first?.resultType, "certificate-host-mismatch")
        XCTAssertEqual(miss.suggestion?.line, "kind-miss.test secure match=.kinds.test")

        // "*.wild.test" stands for exactly one label.
        let twoLabels = try report.entry("wild-two.test")
        XCTAssertEqual(twoLabels.verdict, .fail, twoLabels.summary)
        XCTAssertEqual(twoLabels.failures.first?.resultType, "certificate-host-mismatch")
        // "mx*" is a partial wildcard: Postfix (X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS) never matches it.
        let partial = try report.entry("partial.test")
        XCTAssertEqual(partial.verdict, .fail, partial.summary)
        XCTAssertEqual(partial.failures.first?.resultType, "certificate-host-mismatch")

        let wrongDigest = try report.entry("fp-bad.test")
        XCTAssertEqual(wrongDigest.verdict, .fail, wrongDigest.summary)
        XCTAssertFalse(wrongDigest.failures.isEmpty)
    }
}
