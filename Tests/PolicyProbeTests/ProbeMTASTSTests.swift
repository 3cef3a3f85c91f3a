import Foundation
import PolicyProbe
import TLSPolicyLab
import XCTest

/// MTA-STS evidence: the policy fetched over HTTPS from the lab, agreement and both kinds
/// of disagreement, suggestions that follow an enforced policy's `mx` patterns only, the
/// modes of RFC 8461 section 5, and a failed `_mta-sts` lookup that is never "no policy".
final class ProbeMTASTSTests: XCTestCase {
    func testAgreementAndDisagreementWithThePublishedPolicy() throws {
        let lab = try PolicyProbeLab()
        defer { lab.stop() }
        try lab.smtp("127.0.0.2", names: ["mx1.provider.test"])
        try lab.smtp("127.0.0.3", names: ["mx2.provider.test"])
        let domains = ["sts-agree.test", "sts-differ.test", "sts-narrow.test"]
        let server = try lab.mtaSTSServer(hosts: domains.map { "mta-sts.\($0)" },
                                          policy: "version: STSv1\nmode: enforce\nmx: mx1.provider.test\nmax_age: 86400\n")
        try lab.dnsmasq([
            .a(name: "mx1.provider.test", address: "127.0.0.2"),
            .a(name: "mx2.provider.test", address: "127.0.0.3"),
            .mx(domain: "sts-agree.test", host: "mx1.provider.test"),
            .mx(domain: "sts-differ.test", host: "mx2.provider.test"),
            .mx(domain: "sts-narrow.test", host: "mx1.provider.test"),
            .mx(domain: "no-sts.test", host: "mx1.provider.test"),
        ] + domains.map { .txt(name: "_mta-sts.\($0)", strings: ["v=STSv1; id=20261123"]) })
        var configuration = lab.configuration()
        configuration.mtaSTSConnectTo = domains.map { server.connectTo(for: "mta-sts.\($0)") }
        let report = try lab.probe("""
            sts-agree.test secure match=.provider.test
            sts-differ.test secure match=.provider.test
            sts-narrow.test secure match=mx2.provider.test
            no-sts.test secure match=.provider.test

            """, configuration: configuration)

        let agree = try report.entry("sts-agree.test")
        XCTAssertEqual(agree.mtaSTS?.status, .policy, agree.mtaSTS?.reason ?? "")
        XCTAssertEqual(agree.mtaSTS?.mode, "enforce")
        XCTAssertEqual(agree.mtaSTS?.mx, ["mx1.provider.test"])
        XCTAssertEqual(agree.mtaSTS?.id, "20261123")
        XCTAssertEqual(agree.mtaSTS?.maxAge, 86_400)
        XCTAssertEqual(agree.mtaSTS?.disagreements, [])

        // The entry accepts an MX host that the policy does not list.
        let differ = try report.entry("sts-differ.test")
        XCTAssertEqual(differ.mtaSTS?.disagreements.count, 1)
        XCTAssertTrue(differ.mtaSTS?.disagreements.first?.contains("mx2.provider.test matches match=.provider.test but the MTA-STS policy") ?? false,
                      "\(differ.mtaSTS?.disagreements ?? [])")

        // The policy allows an MX host that the entry's match= rejects; the repair follows the policy.
        let narrow = try report.entry("sts-narrow.test")
        XCTAssertEqual(narrow.verdict, .fail)
        XCTAssertTrue(narrow.mtaSTS?.disagreements.first?.contains("mx1.provider.test is allowed by the MTA-STS policy but not by match=mx2.provider.test") ?? false,
                      "\(narrow.mtaSTS?.disagreements ?? [])")
        XCTAssertEqual(narrow.suggestion?.line, "sts-narrow.test secure match=mx1.provider.test")

        // No TXT record: the report says so (absence, looked up and found empty).
        let none = try XCTUnwrap(try report.entry("no-sts.test").mtaSTS)
        XCTAssertEqual(none.status, .noRecord)
        XCTAssertEqual(none.reason, "no TXT record at _mta-sts.no-sts.test")
        XCTAssertTrue(none.summary.hasPrefix("MTA-STS: no policy:"), none.summary)
    }

    /// RFC 8461 5: `none` is no active policy (no disagreement), `testing` is evidence
    /// (disagreements shown, `mx` patterns not used for suggestions, only `enforce`'s are).
    /// A `_mta-sts` lookup that is refused or never answered is "could not be determined".
    func testModesAndFailedLookups() throws {
        let lab = try PolicyProbeLab()
        defer { lab.stop() }
        try lab.smtp("127.0.0.2", names: ["mx1.provider.test"])
        try lab.smtp("127.0.0.3", names: ["mx2.provider.test"])
        let policies = [
            ("127.0.0.11", ["sts-enforce.test"], "version: STSv1\nmode: enforce\nmx: mx1.provider.test\nmax_age: 604800\n"),
            ("127.0.0.12", ["sts-testing.test", "sts-testing-only.test"], "version: STSv1\nmode: testing\nmx: mx1.provider.test\nmax_age: 86400\n"),
            ("127.0.0.13", ["sts-none.test"], "version: STSv1\nmode: none\nmax_age: 86400\n"),
        ]
        var connectTo: [String] = []
        for (address, domains, policy) in policies {
            let server = try lab.mtaSTSServer(hosts: domains.map { "mta-sts.\($0)" }, policy: policy, address: address)
            connectTo += domains.map { server.connectTo(for: "mta-sts.\($0)") }
        }
        let stsDomains = policies.flatMap(\.1)
        try lab.dnsmasq([
            .a(name: "mx1.provider.test", address: "127.0.0.2"),
            .a(name: "mx2.provider.test", address: "127.0.0.3"),
            .mx(domain: "sts-enforce.test", host: "mx1.provider.test"),
            .mx(domain: "sts-testing.test", host: "mx1.provider.test", preference: 10),
            .mx(domain: "sts-testing.test", host: "mx2.provider.test", preference: 20),
            .mx(domain: "sts-testing-only.test", host: "mx1.provider.test"),
            .mx(domain: "sts-none.test", host: "mx2.provider.test"),
            .mx(domain: "sts-refused.test", host: "mx1.provider.test"),
            .mx(domain: "sts-silent.test", host: "mx1.provider.test"),
        ] + stsDomains.map { .txt(name: "_mta-sts.\($0)", strings: ["v=STSv1; id=1"]) },
            refused: ["_mta-sts.sts-refused.test"], unanswered: ["_mta-sts.sts-silent.test"])
        var configuration = lab.configuration()
        configuration.mtaSTSConnectTo = connectTo
        configuration.dnsTimeoutSeconds = 1
        let report = try lab.probe("""
            sts-enforce.test encrypt
            sts-testing.test secure match=.provider.test
            sts-testing-only.test encrypt
            sts-none.test secure match=.provider.test
            sts-refused.test encrypt
            sts-silent.test encrypt

            """, configuration: configuration)

        // enforce: its mx patterns make the suggestion.
        let enforce = try report.entry("sts-enforce.test")
        XCTAssertEqual(enforce.mtaSTS?.maxAge, 604_800)
        XCTAssertEqual(enforce.suggestion?.line, "sts-enforce.test secure match=mx1.provider.test", enforce.summary)

        // testing: disagreements are evidence, shown; the summary says it is not enforcement.
        let testing = try XCTUnwrap(try report.entry("sts-testing.test").mtaSTS)
        XCTAssertEqual(testing.mode, "testing")
        XCTAssertEqual(testing.disagreements.count, 1, "\(testing.disagreements)")
        XCTAssertTrue(testing.disagreements.first?.contains("MX host mx2.provider.test matches match=.provider.test") ?? false,
                      "\(testing.disagreements)")
        XCTAssertTrue(testing.summary.contains("testing: evidence, not enforcement"), testing.summary)
        // ... and its mx patterns do not make the suggestion (which the certificates' names make instead).
        let testingOnly = try report.entry("sts-testing-only.test")
        XCTAssertEqual(testingOnly.suggestion?.line, "sts-testing-only.test secure match=.provider.test", testingOnly.summary)
        XCTAssertTrue(testingOnly.suggestion?.why.contains("testing mode (evidence, not enforcement): its mx patterns were not used") ?? false,
                      testingOnly.suggestion?.why ?? "no suggestion")
        XCTAssertFalse(enforce.suggestion?.why.contains("testing mode") ?? true)

        // none: no active policy, so no disagreement even though mx2 is listed nowhere.
        let none = try XCTUnwrap(try report.entry("sts-none.test").mtaSTS)
        XCTAssertEqual(none.status, .policy)
        XCTAssertEqual(none.mode, "none")
        XCTAssertEqual(none.disagreements, [])
        XCTAssertTrue(none.summary.contains("no active policy"), none.summary)

        // A failed lookup is not "no record".
        for (key, fragment) in [("sts-refused.test", "refused"), ("sts-silent.test", "no reply")] {
            let evidence = try XCTUnwrap(try report.entry(key).mtaSTS)
            XCTAssertEqual(evidence.status, .lookupFailed, "\(key): \(evidence)")
            XCTAssertTrue(evidence.reason?.contains(fragment) ?? false, "\(key): \(evidence.reason ?? "")")
            XCTAssertTrue(evidence.summary.hasPrefix("MTA-STS: could not be determined:"), evidence.summary)
        }
    }
}

/// SERVFAIL for the `_mta-sts` TXT lookup only (its own zone, DNSSEC-bogus behind a validating
/// unbound), while the domain's MX lookup answers: "could not be determined", not absence.
final class ProbeMTASTSServerFailureTests: XCTestCase {
    func testServerFailureOfTheTXTLookupIsNotAbsence() throws {
        let lab = try PolicyProbeLab()
        defer { lab.stop() }
        try lab.smtp("127.0.0.2", names: ["mx1.provider.test"])
        try lab.unbound([
            UnboundZone(origin: "provider.test", records: [.a(name: "mx1.provider.test", address: "127.0.0.2")], security: .unsigned),
            UnboundZone(origin: "sts-servfail.test", records: [.mx(domain: "sts-servfail.test", host: "mx1.provider.test")],
                        security: .unsigned),
            UnboundZone(origin: "_mta-sts.sts-servfail.test",
                        records: [.txt(name: "_mta-sts.sts-servfail.test", strings: ["v=STSv1; id=1"])], security: .bogus),
        ])
        let report = try lab.probe("sts-servfail.test encrypt\n")
        let evidence = try XCTUnwrap(try report.entry("sts-servfail.test").mtaSTS)
        XCTAssertEqual(evidence.status, .lookupFailed, "\(evidence)")
        XCTAssertTrue(evidence.reason?.contains("SERVFAIL") ?? false, evidence.reason ?? "")
    }
}

/// The JSON form of the evidence: what docs/probe-json.md says, and results written before
/// the `reason` field and the new statuses still read.
final class MTASTSEvidenceJSONTests: XCTestCase {
    func testStatusesEncodeAsDocumentedAndOldResultsDecode() throws {
        let evidence = MTASTSEvidence(status: .lookupFailed, reason: "the _mta-sts.x.test TXT lookup failed: refused")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: JSONEncoder().encode(evidence)) as? [String: Any])
        XCTAssertEqual(object["status"] as? String, "lookup-failed")
        XCTAssertEqual(object["reason"] as? String, "the _mta-sts.x.test TXT lookup failed: refused")
        XCTAssertEqual(String(decoding: try JSONEncoder().encode(MTASTSEvidence.Status.noRecord), as: UTF8.self), "\"no-record\"")

        let old = Data(#"{"status": "error", "id": "1", "mx": [], "error": "HTTP 404", "disagreements": []}"#.utf8)
        let decoded = try JSONDecoder().decode(MTASTSEvidence.self, from: old)
        XCTAssertEqual(decoded.status, .error)
        XCTAssertEqual(decoded.id, "1")
        XCTAssertNil(decoded.reason)
    }
}
