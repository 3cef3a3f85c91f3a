import Foundation
import PolicyProbe
import TLSPolicyLab
import XCTest

/// Politeness and bounds: at most two sessions at once to one address, and the overall
/// deadline ends a run whatever the servers do.
final class ProbePolitenessTests: XCTestCase {
    func testAtMostTwoSessionsAtOnceToOneAddress() throws {
        let lab = try PolicyProbeLab()
        defer { lab.stop() }
        // 150 ms before each of the five replies of a session (banner, EHLO, STARTTLS, EHLO, QUIT).
        let domains = (1...6).map { "slow\($0).test" }
        let certificate = try lab.ca.issueServerCertificate(names: ["mx.slow.test"] + domains)
        let server = try LabSMTPServerProcess(namespace: lab.namespace, endpoint: SMTPEndpoint(address: "127.0.0.2"),
                                              certificate: certificate, latencyMilliseconds: 150)
        defer { try? server.stop() }
        try lab.dnsmasq([.a(name: "mx.slow.test", address: "127.0.0.2")] + domains.map { .mx(domain: $0, host: "mx.slow.test") })
        // Default secure matching (nexthop, dot-nexthop) differs per domain: six sessions, none shared.
        let started = Date()
        let report = try lab.probe(domains.map { "\($0) secure" }.joined(separator: "\n") + "\n")
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(report.sessions, 6)
        XCTAssertEqual(report.entries.map(\.verdict), Array(repeating: .pass, count: 6))
        let single = try XCTUnwrap(report.entries.first?.mxHosts.first?.addresses.first?.elapsed)
        XCTAssertGreaterThan(single, 0.7)
        // Sixteen threads could run all six at once (one session's time); two at a time take three rounds.
        XCTAssertGreaterThan(elapsed, single * 2.8, "sessions to one address must not exceed two at once")
        XCTAssertLessThan(elapsed, single * 6, "two at once, not one")
    }

    func testOverallDeadlineEndsTheRun() throws {
        let lab = try PolicyProbeLab()
        defer { lab.stop() }
        try lab.smtp("127.0.0.2", behaviour: .stallBanner)
        try lab.dnsmasq([.a(name: "mx.stall.test", address: "127.0.0.2"), .mx(domain: "stall.test", host: "mx.stall.test")])
        var configuration = lab.configuration(stepTimeout: 60)
        configuration.deadline = 3
        let started = Date()
        let report = try lab.probe("stall.test encrypt\n", configuration: configuration)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "a 60 s step must end at the 3 s deadline")
        XCTAssertTrue(report.deadlineReached)
        XCTAssertEqual(try report.entry("stall.test").verdict, .unreachable)
    }
}
