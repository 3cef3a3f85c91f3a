import Foundation
import PolicyProbe
import TLSPolicyLab
import XCTest

/// The probe's verdict against what a real Postfix sending instance does with the same
/// entries, the same DNS and the same servers: one entry per verdict class, plus the
/// lines the probe suggests.
final class PostfixAgreementTests: XCTestCase {
    func testEveryVerdictClassMatchesRealPostfixDelivery() throws {
        let lab = try PolicyProbeLab()
        defer { lab.stop() }
        try lab.smtp("127.0.0.2", names: ["mx1.provider.test"])
        let domains = ["pass.test", "fail.test", "stronger.test", "stronger-suggested.test", "fail-suggested.test"]
        try lab.dnsmasq([
            .a(name: "mx1.provider.test", address: "127.0.0.2"),
            .a(name: "mx.down.test", address: "127.0.0.9"),
            .mx(domain: "unreachable.test", host: "mx.down.test"),
        ] + domains.map { .mx(domain: $0, host: "mx1.provider.test") })

        let entries = """
            pass.test secure match=.provider.test
            fail.test secure
            stronger.test encrypt
            unreachable.test secure match=.provider.test

            """
        let report = try lab.probe(entries)
        let pass = try report.entry("pass.test")
        let fail = try report.entry("fail.test")
        let stronger = try report.entry("stronger.test")
        let unreachable = try report.entry("unreachable.test")
        XCTAssertEqual([pass, fail, stronger, unreachable].map(\.verdict), [.pass, .fail, .stronger, .unreachable])
        let strongerLine = try XCTUnwrap(stronger.suggestion?.line)
        let repairLine = try XCTUnwrap(fail.suggestion?.line)

        // The suggested lines, under keys of their own, go to Postfix as well.
        let table = entries
            + strongerLine.replacingOccurrences(of: "stronger.test ", with: "stronger-suggested.test ") + "\n"
            + repairLine.replacingOccurrences(of: "fail.test ", with: "fail-suggested.test ") + "\n"
        let sender = try PostfixInstance(namespace: lab.namespace, name: "sender", role: .sender, parameters: [
            "smtp_tls_CAfile": lab.ca.certificateFile.path,
            "smtp_tls_policy_maps": "texthash:\(lab.namespace.directory.path)/postfix-sender/etc/tls_policy",
            "smtp_tls_loglevel": "1",
        ])
        defer { try? sender.stop() }
        try sender.writeConfigFile("tls_policy", Data(table.utf8))
        try sender.start()
        let recipients = ["a@pass.test", "a@fail.test", "a@stronger.test", "a@unreachable.test",
                          "a@stronger-suggested.test", "a@fail-suggested.test"]
        try sender.sendmail(from: "probe@sender.lab.test", to: recipients)
        let statuses = try sender.waitForFinalStatus(recipients: recipients, timeout: 90)
        let log = sender.log

        // pass and stronger: Postfix delivers.
        XCTAssertEqual(statuses["a@pass.test"]?.outcome, .sent, log)
        XCTAssertEqual(statuses["a@stronger.test"]?.outcome, .sent, log)
        // fail: Postfix defers, for the reason the probe gives, in the same words.
        XCTAssertEqual(statuses["a@fail.test"]?.outcome, .deferred, log)
        XCTAssertTrue(statuses["a@fail.test"]?.reason.contains("Server certificate not verified") ?? false, log)
        XCTAssertTrue(log.contains(try XCTUnwrap(fail.failures.first?.reason)), "probe: \(fail.failures)\n\(log)")
        // unreachable: Postfix defers too, but not for TLS: nothing is known about the entry.
        XCTAssertEqual(statuses["a@unreachable.test"]?.outcome, .deferred, log)
        XCTAssertTrue(statuses["a@unreachable.test"]?.reason.contains("Connection refused") ?? false, log)
        XCTAssertTrue(unreachable.summary.contains("connect failed"), unreachable.summary)
        // The suggested lines deliver with real Postfix.
        XCTAssertEqual(statuses["a@stronger-suggested.test"]?.outcome, .sent, log)
        XCTAssertEqual(statuses["a@fail-suggested.test"]?.outcome, .sent, log)
        XCTAssertTrue(log.contains("Verified TLS connection established to mx1.provider.test[127.0.0.2]:25"), log)
    }
}
