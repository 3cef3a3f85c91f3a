import Foundation
import PolicyProbe
import TLSPolicyLab
import XCTest

/// MTA-STS evidence: the policy fetched over HTTPS from the lab, agreement and both
/// kinds of disagreement, and suggestions that follow the policy's `mx` patterns.
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
        XCTAssertEqual(agree.mtaSTS?.status, "policy", agree.mtaSTS?.error ?? "")
        XCTAssertEqual(agree.mtaSTS?.mode, "enforce")
        XCTAssertEqual(agree.mtaSTS?.mx, ["mx1.provider.test"])
        XCTAssertEqual(agree.mtaSTS?.id, "20261123")
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

        XCTAssertNil(try report.entry("no-sts.test").mtaSTS)
    }
}
