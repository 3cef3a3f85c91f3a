import Foundation
import TLSPolicyLab
import TLSProbe
import XCTest

/// The probe against real Postfix: smtpd as the receiver, and a real Postfix SMTP client
/// sending to it at the same level, whose delivery status must agree with the probe's verdict.
final class PostfixAgreementTests: XCTestCase {
    func testProbeAndPostfixClientAgreeOnPostfixSmtpdReceiver() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        let certificate = try lab.ca.issueServerCertificate(names: ["mx.example.test"])
        let dns = try DnsmasqServer(namespace: lab.namespace,
                                    zone: .allDomains(["example.test", "mismatch.test"], mailHost: "mx.example.test", address: "127.0.0.2"))
        defer { try? dns.stop() }
        let receiver = try PostfixInstance(namespace: lab.namespace, name: "receiver",
                                           role: .receiver(endpoints: [SMTPEndpoint(address: "127.0.0.2")], certificate: certificate))
        defer { try? receiver.stop() }
        try receiver.start()

        // The probe, at the two entries' settings.
        let endpoint = SMTPEndpoint(address: "127.0.0.2", port: 25)
        let matching = try lab.probe(lab.request(endpoint, level: .secure, nexthop: "example.test"))
        var mismatchRequest = lab.request(endpoint, level: .secure, nexthop: "mismatch.test")
        mismatchRequest.matchNames = ["nexthop"]
        let mismatch = try lab.probe(mismatchRequest)
        XCTAssertTrue(matching.verdict.wouldDeliver, matching.verdict.reason)
        XCTAssertTrue(matching.banner?.contains("receiver.lab.test") ?? false, matching.banner ?? "no banner")
        XCTAssertFalse(mismatch.verdict.wouldDeliver)
        XCTAssertEqual(mismatch.verdict.resultType, .certificateHostMismatch)

        // Postfix's own client, with the same two entries.
        let sender = try PostfixInstance(namespace: lab.namespace, name: "sender", role: .sender, parameters: [
            "smtp_tls_CAfile": lab.ca.certificateFile.path,
            "smtp_tls_policy_maps": "texthash:\(lab.namespace.directory.path)/postfix-sender/etc/tls_policy",
            "smtp_tls_loglevel": "1",
        ])
        defer { try? sender.stop() }
        try sender.writeConfigFile("tls_policy", Data("example.test secure\nmismatch.test secure match=nexthop\n".utf8))
        try sender.start()
        try sender.sendmail(from: "probe@sender.lab.test", to: ["a@example.test"])
        try sender.sendmail(from: "probe@sender.lab.test", to: ["b@mismatch.test"])
        let statuses = try sender.waitForFinalStatus(recipients: ["a@example.test", "b@mismatch.test"], timeout: 60)

        XCTAssertEqual(statuses["a@example.test"]?.outcome == .sent, matching.verdict.wouldDeliver, sender.log)
        XCTAssertEqual(statuses["b@mismatch.test"]?.outcome == .sent, mismatch.verdict.wouldDeliver, sender.log)
        XCTAssertTrue(statuses["b@mismatch.test"]?.reason.contains(try XCTUnwrap(mismatch.verdict.deferral)) ?? false, sender.log)
        // Postfix logs the failure the way the probe words it.
        XCTAssertTrue(sender.log.contains(mismatch.verdict.reason), "probe: \(mismatch.verdict.reason)\n\(sender.log)")
    }
}
