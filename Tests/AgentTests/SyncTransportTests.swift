import Foundation
import PolicySync
import TLSPolicyLab
import XCTest

/// `sync`, `diff` and `verify` over the transports a mail host really uses, on loopback:
/// `git http-backend` behind lighttpd with a test-CA certificate, and sshd with a deploy
/// key and a known-hosts file. Every server is stopped by its PID at the end of its test.
final class SyncTransportTests: AgentLabTestCase {
    /// The class's test CA, made in the lab's directory on first use.
    private func ca() throws -> TestCertificateAuthority {
        let lab = try lab()
        return try TestCertificateAuthority(directory: lab.directory.appendingPathComponent("transport-ca"))
    }

    private func released(_ fixture: SyncFixture) throws {
        try fixture.release("v1.0.0")
    }

    func testSyncOverSmartHTTPSWithTheTestCAAsCAFile() throws {
        let fixture = try SyncFixture(lab: try lab())
        try released(fixture)
        let ca = try ca()
        let server = try GitHTTPSServer.start(repository: fixture.repository.directory, namespace: fixture.lab.namespace,
                                              ca: ca, port: 8443)
        defer { try? server.stop() }
        let https = ["--repository-url", server.url, "--https-ca-file", ca.certificateFile.path]

        let deployed = try fixture.agent("sync", https)
        XCTAssertEqual(deployed.exitStatus, 0, deployed.stderrText)
        XCTAssertTrue(deployed.stdoutText.hasPrefix("deployed v1.0.0"), deployed.stdoutText)
        XCTAssertEqual(try fixture.lookup("gmail.example"), "secure match=.google.example")
        XCTAssertEqual(try fixture.agent("verify", ["v1.0.0"] + https).exitStatus, 0)

        // Without the CA file, the system CAs do not know the test CA: refused, map kept.
        let live = fixture.liveFiles
        let untrusted = try fixture.agent("sync", ["--repository-url", server.url, "--format", "json"])
        XCTAssertEqual(untrusted.exitStatus, 1)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(untrusted.stdout)) as? [String: Any])
        XCTAssertEqual(json["reason"] as? String, "certificate-rejected", untrusted.stderrText)
        XCTAssertEqual(fixture.liveFiles, live)
    }

    func testSyncOverSSHWithADeployKeyAndKnownHosts() throws {
        let fixture = try SyncFixture(lab: try lab())
        try released(fixture)
        let server = try GitSSHServer.start(repository: fixture.repository.directory, namespace: fixture.lab.namespace,
                                            port: 2222)
        defer { try? server.stop() }
        let ssh = ["--repository-url", server.url, "--ssh-private-key", server.deployKey.privateKey.path]

        let deployed = try fixture.agent("sync", ssh + ["--ssh-known-hosts", server.knownHostsFile.path])
        XCTAssertEqual(deployed.exitStatus, 0, deployed.stderrText)
        XCTAssertTrue(deployed.stdoutText.hasPrefix("deployed v1.0.0"), deployed.stdoutText)

        // A known-hosts file that lists another key for this server: refused, with the
        // fingerprint of the key the server presented, as ssh-keygen -l prints it.
        let impostor = try SSHSigningKey.generate(at: fixture.directory.appendingPathComponent("impostor"))
        let wrong = fixture.directory.appendingPathComponent("wrong_known_hosts")
        try LabFileSystem.write(GitSSHServer.knownHostsLine(address: server.address, port: server.port, hostKey: impostor) + "\n",
                                to: wrong)
        let fingerprint = try fixture.lab.namespace.run(["ssh-keygen", "-l", "-f", server.hostKey.publicKey.path]).checked()
            .stdoutText.split(separator: " ")[1]
        let refused = try fixture.agent("sync", ssh + ["--ssh-known-hosts", wrong.path, "--format", "json"])
        XCTAssertEqual(refused.exitStatus, 1)
        XCTAssertTrue(refused.stderrText.contains(String(fingerprint)), "\(fingerprint) in:\n\(refused.stderrText)")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(refused.stdout)) as? [String: Any])
        XCTAssertEqual(json["reason"] as? String, "host-key-rejected")

        // doctor reads the transport's files as a fetch would, without connecting.
        let good = try fixture.agent("doctor", ssh + ["--ssh-known-hosts", server.knownHostsFile.path])
        XCTAssertTrue(good.stdoutText.contains("ok   \(server.deployKey.privateKey.path), \(server.knownHostsFile.path) usable for ssh"),
                      good.stdoutText)
        let garbage = fixture.directory.appendingPathComponent("garbage_known_hosts")
        try LabFileSystem.write("[127.0.0.1]:2222 ssh-ed25519 not-base64!\n", to: garbage)
        let bad = try fixture.agent("doctor", ssh + ["--ssh-known-hosts", garbage.path])
        XCTAssertEqual(bad.exitStatus, 1)
        XCTAssertTrue(bad.stdoutText.contains("FAIL \(garbage.path):1:"), bad.stdoutText)
    }

    /// A server that accepts the TCP connection and never answers: sync, diff and verify
    /// each end within the fetch deadline with a clear error.
    func testFrozenServerEndsEveryFetchingCommandWithinItsDeadline() throws {
        let fixture = try SyncFixture(lab: try lab())
        try released(fixture)
        let ca = try ca()
        let server = try GitHTTPSServer.start(repository: fixture.repository.directory, namespace: fixture.lab.namespace,
                                              ca: ca, port: 8444)
        defer { try? server.stop() }
        try server.process.suspend()
        defer { server.process.resume() }
        let https = ["--repository-url", server.url, "--https-ca-file", ca.certificateFile.path, "--fetch-timeout", "2"]
        for command in [("sync", https), ("diff", https), ("verify", ["v1.0.0"] + https)] {
            let started = Date()
            let result = try fixture.agent(command.0, command.1)
            let took = Date().timeIntervalSince(started)
            XCTAssertEqual(result.exitStatus, 1, "\(command.0): \(result.stderrText)")
            XCTAssertTrue(result.stderrText.contains("timed out: not finished within the 2.0 s deadline"),
                          "\(command.0): \(result.stderrText)")
            XCTAssertLessThan(took, 10, "\(command.0) took \(took) s")
        }
    }
}
