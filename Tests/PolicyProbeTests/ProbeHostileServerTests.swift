import Foundation
import PolicyProbe
import TLSPolicyLab
import XCTest

/// Hostile servers end within the step timeout, each with a clear reason.
final class ProbeHostileServerTests: XCTestCase {
    func testHostileServersEndWithinTheirTimeouts() throws {
        let lab = try PolicyProbeLab()
        defer { lab.stop() }
        try lab.smtp("127.0.0.2", behaviour: .stallBanner)
        try lab.smtp("127.0.0.3", names: ["mx.garbage.test"], behaviour: .garbageAfterStarttls)
        try lab.smtp("127.0.0.4", behaviour: .endlessEhlo)
        try lab.dnsmasq([
            .a(name: "mx.stall.test", address: "127.0.0.2"),
            .a(name: "mx.garbage.test", address: "127.0.0.3"),
            .a(name: "mx.endless.test", address: "127.0.0.4"),
            .mx(domain: "stall.test", host: "mx.stall.test"),
            .mx(domain: "garbage.test", host: "mx.garbage.test"),
            .mx(domain: "endless.test", host: "mx.endless.test"),
        ])
        let started = Date()
        let report = try lab.probe("stall.test encrypt\ngarbage.test encrypt\nendless.test encrypt\n",
                                         configuration: lab.configuration(stepTimeout: 2))
        let elapsed = Date().timeIntervalSince(started)
        // All three run at once; each is bounded by its 2 s step (plus QUIT's few seconds at most).
        XCTAssertLessThan(elapsed, 12, "hostile servers must not hold the probe")

        let stall = try report.entry("stall.test")
        XCTAssertEqual(stall.verdict, .unreachable)
        XCTAssertTrue(stall.summary.contains("timed out after 2 s at step banner"), stall.summary)

        let garbage = try report.entry("garbage.test")
        XCTAssertEqual(garbage.verdict, .fail, garbage.summary)
        XCTAssertTrue(garbage.failures.first?.reason.contains("SSL_connect error") ?? false, garbage.failures.first?.reason ?? "")

        let endless = try report.entry("endless.test")
        XCTAssertEqual(endless.verdict, .unreachable)
        XCTAssertTrue(endless.summary.contains("ehlo"), endless.summary)
    }
}
