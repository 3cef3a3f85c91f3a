import Foundation
import TLSPolicyLab
import XCTest

/// A sender and a receiver Postfix, a DNS server and a test CA deliver real mail over
/// verified TLS on loopback.
final class PostfixInstanceTests: XCTestCase {
    func testSenderDeliversToReceiverOverVerifiedTLS() throws {
        try LabRequirement.require()
        let namespace = try LabNamespace()
        defer { namespace.stop() }
        let ca = try TestCertificateAuthority(directory: namespace.directory.appendingPathComponent("ca"))
        let certificate = try ca.issueServerCertificate(names: ["mx.example.test"])
        let dns = try DnsmasqServer(namespace: namespace, zone: .allDomains(["example.test"], mailHost: "mx.example.test", address: "127.0.0.2"))
        defer { try? dns.stop() }
        let receiver = try PostfixInstance(namespace: namespace, name: "receiver",
                                           role: .receiver(endpoints: [SMTPEndpoint(address: "127.0.0.2")], certificate: certificate))
        defer { try? receiver.stop() }
        let sender = try PostfixInstance(namespace: namespace, name: "sender", role: .sender, parameters: [
            "smtp_tls_security_level": "verify",
            "smtp_tls_CAfile": ca.certificateFile.path,
            "smtp_tls_loglevel": "1",
        ])
        defer { try? sender.stop() }
        try receiver.start()
        try sender.start()
        XCTAssertTrue(namespace.isListening(.tcp, address: "127.0.0.2", port: 25))

        try sender.sendmail(from: "probe@sender.lab.test", to: ["someone@example.test"])
        let statuses = try sender.waitForFinalStatus(recipients: ["someone@example.test"], timeout: 30)
        XCTAssertEqual(statuses["someone@example.test"]?.outcome, .sent, sender.log)
        XCTAssertTrue(sender.log.contains("Verified TLS connection established to mx.example.test[127.0.0.2]:25"), sender.log)

        let master = try XCTUnwrap(sender.masterPID)
        try sender.stop()
        XCTAssertFalse(ProcessTable.isRunning(master), "the master is gone after stop")
        XCTAssertNil(sender.masterPID)
    }

    func testPostmapReportsDroppedLines() throws {
        try LabRequirement.require()
        let namespace = try LabNamespace()
        defer { namespace.stop() }
        let instance = try PostfixInstance(namespace: namespace, name: "tables", role: .sender)
        let table = try instance.writeConfigFile("table", Data("a.test may\nkey-only.test\n".utf8))
        let result = try instance.postmap(file: table)
        XCTAssertTrue(result.stderrText.contains("line 2: expected format: key whitespace value"), result.stderrText)
        XCTAssertEqual(try instance.postmapDump(file: table).stdoutText, "a.test\tmay\n")
    }
}
