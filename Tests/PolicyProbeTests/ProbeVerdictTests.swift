import Foundation
import PolicyProbe
import TLSPolicyLab
import XCTest

/// Every verdict, against real lab SMTP servers and a real DNS server on loopback.
final class ProbeVerdictTests: XCTestCase {
    func testEachVerdictAgainstLabServers() throws {
        let lab = try PolicyProbeLab()
        defer { lab.stop() }
        try lab.smtp("127.0.0.2", names: ["mx1.provider.test"])
        try lab.smtp("127.0.0.3", names: ["mx2.provider.test"])
        try lab.smtp("127.0.0.4", behaviour: .noStarttls)
        try lab.dnsmasq([
            .a(name: "mx1.provider.test", address: "127.0.0.2"),
            .a(name: "mx2.provider.test", address: "127.0.0.3"),
            .a(name: "mx.plain.test", address: "127.0.0.4"),
            .a(name: "mx.down.test", address: "127.0.0.9"),
            .mx(domain: "pass.test", host: "mx1.provider.test", preference: 10),
            .mx(domain: "pass.test", host: "mx2.provider.test", preference: 20),
            .mx(domain: "stronger.test", host: "mx1.provider.test", preference: 10),
            .mx(domain: "stronger.test", host: "mx2.provider.test", preference: 20),
            .mx(domain: "mixed.test", host: "mx1.provider.test", preference: 10),
            .mx(domain: "mixed.test", host: "mx.plain.test", preference: 20),
            .mx(domain: "mismatch.test", host: "mx1.provider.test"),
            .mx(domain: "down.test", host: "mx.down.test"),
            .nullMX(domain: "nullmx.test"),
        ])
        let report = try lab.probe("""
            pass.test secure match=.provider.test
            stronger.test encrypt
            mixed.test encrypt
            mismatch.test secure
            down.test secure
            nullmx.test encrypt
            nxdomain.test encrypt
            .parent.test secure

            """)

        let pass = try report.entry("pass.test")
        XCTAssertEqual(pass.verdict, .pass, pass.summary)
        XCTAssertEqual(pass.mxHosts.map(\.host), ["mx1.provider.test", "mx2.provider.test"])
        XCTAssertEqual(pass.mxHosts.first?.addresses.first?.certificateNames, ["mx1.provider.test"])
        XCTAssertNil(pass.suggestion)

        let stronger = try report.entry("stronger.test")
        XCTAssertEqual(stronger.verdict, .stronger, stronger.summary)
        XCTAssertEqual(stronger.suggestion?.line, "stronger.test secure match=.provider.test")
        XCTAssertEqual(stronger.suggestion?.verified, true)

        // The fallback MX offers no STARTTLS: Postfix would defer whatever reaches it.
        let mixed = try report.entry("mixed.test")
        XCTAssertEqual(mixed.verdict, .fail, mixed.summary)
        XCTAssertEqual(mixed.failures.map(\.mxHost), ["mx.plain.test"])
        XCTAssertEqual(mixed.failures.first?.resultType, "starttls-not-supported")
        XCTAssertEqual(mixed.failures.first?.reason, "TLS is required, but was not offered by host mx.plain.test[127.0.0.4]:25")
        XCTAssertNil(mixed.suggestion, "no TLS line can deliver to an MX without STARTTLS")

        let mismatch = try report.entry("mismatch.test")
        XCTAssertEqual(mismatch.verdict, .fail, mismatch.summary)
        XCTAssertEqual(mismatch.failures.first?.resultType, "certificate-host-mismatch")
        XCTAssertTrue(mismatch.failures.first?.reason.contains("num=62:hostname mismatch") ?? false, mismatch.failures.first?.reason ?? "")
        XCTAssertEqual(mismatch.suggestion?.line, "mismatch.test secure match=.provider.test")

        let down = try report.entry("down.test")
        XCTAssertEqual(down.verdict, .unreachable, down.summary)
        XCTAssertTrue(down.summary.contains("connect"), down.summary)

        let nullMX = try report.entry("nullmx.test")
        XCTAssertEqual(nullMX.verdict, .unreachable)
        XCTAssertTrue(nullMX.dnsProblem?.contains("null MX") ?? false, nullMX.dnsProblem ?? "")
        let nxdomain = try report.entry("nxdomain.test")
        XCTAssertEqual(nxdomain.verdict, .unreachable)
        XCTAssertTrue(nxdomain.dnsProblem?.contains("NXDOMAIN") ?? false, nxdomain.dnsProblem ?? "")

        XCTAssertEqual(try report.entry(".parent.test").verdict, .unprobeable)
        XCTAssertTrue(report.hasFailures)
    }

    func testEntriesWithTheSameSettingsShareOneSessionPerAddress() throws {
        let lab = try PolicyProbeLab()
        defer { lab.stop() }
        try lab.smtp("127.0.0.2", names: ["mx1.provider.test"])
        let domains = (1...6).map { "shared\($0).test" }
        try lab.dnsmasq([.a(name: "mx1.provider.test", address: "127.0.0.2")] + domains.map { .mx(domain: $0, host: "mx1.provider.test") })
        let report = try lab.probe(domains.map { "\($0) secure match=.provider.test" }.joined(separator: "\n") + "\n")
        XCTAssertEqual(report.entries.map(\.verdict), Array(repeating: .pass, count: 6))
        XCTAssertEqual(report.sessions, 1, "six entries with the same settings and MX host need one session")
    }
}
