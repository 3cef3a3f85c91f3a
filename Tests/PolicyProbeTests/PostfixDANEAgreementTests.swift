import Foundation
import PolicyProbe
import TLSPolicyLab
import XCTest

/// DANE verdicts against a real Postfix sending instance that does DNSSEC lookups through
/// the same validating resolver: a TLSA match delivers, a mismatch and an unsigned zone defer.
final class PostfixDANEAgreementTests: XCTestCase {
    func testDANEVerdictsMatchRealPostfix() throws {
        let lab = try PolicyProbeLab()
        defer { lab.stop() }
        try lab.startDANEZones()
        let table = "dane.test dane-only\nbad.dane.test dane-only\nplain.test dane-only\n"
        let report = try lab.probe(table)
        let match = try report.entry("dane.test")
        let mismatch = try report.entry("bad.dane.test")
        let unsigned = try report.entry("plain.test")
        XCTAssertEqual([match, mismatch, unsigned].map(\.verdict), [.pass, .fail, .fail])

        let sender = try PostfixInstance(namespace: lab.namespace, name: "sender", role: .sender, parameters: [
            "smtp_tls_CAfile": lab.ca.certificateFile.path,
            "smtp_dns_support_level": "dnssec",
            "smtp_tls_policy_maps": "texthash:\(lab.namespace.directory.path)/postfix-sender/etc/tls_policy",
            "smtp_tls_loglevel": "1",
        ])
        defer { try? sender.stop() }
        try sender.writeConfigFile("tls_policy", Data(table.utf8))
        try sender.start()
        let recipients = ["a@dane.test", "a@bad.dane.test", "a@plain.test"]
        try sender.sendmail(from: "probe@sender.lab.test", to: recipients)
        let statuses = try sender.waitForFinalStatus(recipients: recipients, timeout: 90)
        let log = sender.log

        XCTAssertEqual(statuses["a@dane.test"]?.outcome, .sent, log)
        XCTAssertTrue(log.contains("Verified TLS connection established to mx.dane.test[127.0.0.2]:25"), log)
        XCTAssertEqual(statuses["a@bad.dane.test"]?.outcome, .deferred, log)
        XCTAssertEqual(mismatch.failures.first?.resultType, "tlsa-invalid")
        XCTAssertTrue(log.contains(try XCTUnwrap(mismatch.failures.first?.reason)), "probe: \(mismatch.failures)\n\(log)")
        XCTAssertEqual(statuses["a@plain.test"]?.outcome, .deferred, log)
        XCTAssertTrue(statuses["a@plain.test"]?.reason.contains(try XCTUnwrap(unsigned.failures.first?.reason)) ?? false,
                      "probe: \(unsigned.failures)\n\(log)")
    }
}
