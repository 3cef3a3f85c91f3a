import Dispatch
import Foundation
import TLSPolicyLab
import TLSProbe
import XCTest

/// The lab's own STARTTLS server: concurrent connections with added latency, a real
/// Postfix client delivering through it, and stopping by PID.
final class LabSMTPServerTests: XCTestCase {
    func testServerAnswersConcurrentProbesWithAddedLatency() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        let endpoint = try lab.startServer(certificate: try lab.ca.issueServerCertificate(names: ["mx.example.test"]),
                                           latencyMilliseconds: 200)
        let request = lab.request(endpoint, level: .secure)
        let count = 8
        let results = ResultList(count: count)
        // The probes only read the namespace's holder PID, which never changes.
        nonisolated(unsafe) let namespace = lab.namespace
        let started = Date()
        let group = DispatchGroup()
        // One thread per probe (concurrentPerform would use one per core only).
        for index in 0..<count {
            group.enter()
            Thread {
                results.set(index, Result {
                    try namespace.withNetworkNamespace { try TLSProbe().run(request) }
                })
                group.leave()
            }.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 90), .success)
        let wall = Date().timeIntervalSince(started)
        for result in results.all {
            let probe = try XCTUnwrap(result).get()
            XCTAssertTrue(probe.verdict.wouldDeliver, probe.verdict.reason)
            // Five replies (banner, EHLO, STARTTLS, EHLO, QUIT), each 200 ms late.
            XCTAssertGreaterThanOrEqual(probe.elapsed, 1.0)
        }
        XCTAssertLessThan(wall, Double(count) * 1.0 / 2, "connections must be served concurrently, took \(wall) s")
    }

    func testPostfixClientDeliversThroughLabServerOverVerifiedTLS() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        let endpoint = SMTPEndpoint(address: "127.0.0.3", port: 25)
        let server = try LabSMTPServerProcess(namespace: lab.namespace, endpoint: endpoint,
                                              certificate: try lab.ca.issueServerCertificate(names: ["mx.example.test"]))
        let dns = try DnsmasqServer(namespace: lab.namespace, zone: .allDomains(["example.test"], mailHost: "mx.example.test", address: "127.0.0.3"))
        defer { try? dns.stop() }
        let sender = try PostfixInstance(namespace: lab.namespace, name: "sender", role: .sender, parameters: [
            "smtp_tls_security_level": "secure",
            "smtp_tls_CAfile": lab.ca.certificateFile.path,
            "smtp_tls_loglevel": "1",
        ])
        defer { try? sender.stop() }
        try sender.start()
        try sender.sendmail(from: "probe@sender.lab.test", to: ["someone@example.test"])
        let statuses = try sender.waitForFinalStatus(recipients: ["someone@example.test"], timeout: 30)
        XCTAssertEqual(statuses["someone@example.test"]?.outcome, .sent, sender.log)
        XCTAssertTrue(sender.log.contains("Verified TLS connection established to mx.example.test[127.0.0.3]:25"), sender.log)

        let pid = server.process.pid
        try server.stop()
        XCTAssertFalse(ProcessTable.isRunning(pid), "stopped by its PID")
        XCTAssertFalse(lab.namespace.isListening(.tcp, address: endpoint.address, port: endpoint.port))
    }
}

/// Results written by concurrent probes, one slot each, under a lock.
private final class ResultList: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<ProbeResult, Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<ProbeResult, Error>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var all: [Result<ProbeResult, Error>?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
