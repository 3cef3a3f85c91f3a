import Foundation
import PolicyGit
import TLSPolicyLab
import XCTest

/// Fetching over SSH from a real OpenSSH server on loopback: a deploy key logs in, the
/// host key is checked against a known_hosts file (plain and hashed by `ssh-keygen -H`),
/// a changed or unknown host key is refused with its fingerprint as `ssh-keygen -l`
/// prints it, a wrong client key fails at once, and a server that never answers costs
/// no more than the deadline.
final class GitSSHTransportTests: GitRemoteLabTestCase {
    override class var requiredPrograms: [String] { ["/usr/sbin/sshd", "ssh-keygen", "git"] }

    override func startServers(in lab: GitRemoteLab) throws {
        let origin = lab.origin.directory
        lab.ssh = try lab.start({ try GitSSHServer.start(repository: origin, namespace: lab.namespace) },
                                stop: { try? $0.stop() })
    }

    private func server() throws -> (GitRemoteLab, GitSSHServer) {
        let lab = try lab()
        return (lab, try XCTUnwrap(lab.ssh))
    }

    private func options(_ server: GitSSHServer, key: URL? = nil, knownHosts: String? = nil, timeout: Double = 30) -> GitFetchOptions {
        GitFetchOptions(timeout: timeout,
                        sshKey: GitSSHKey(user: server.user, privateKeyPath: (key ?? server.deployKey.privateKey).path),
                        knownHostsFile: knownHosts ?? server.knownHostsFile.path)
    }

    /// The host key's fingerprint as OpenSSH prints it (`ssh-keygen -l -E sha256`).
    private func fingerprint(_ key: SSHSigningKey) throws -> String {
        let output = try LabCommandRunner.run(["ssh-keygen", "-l", "-E", "sha256", "-f", key.publicKey.path], timeout: 30)
            .checked().stdoutText
        return try XCTUnwrap(output.split(separator: " ").first { $0.hasPrefix("SHA256:") }.map(String.init), output)
    }

    func testFetchWithDeployKeyAndKnownHostsSucceeds() throws {
        let (lab, server) = try server()
        let cache = try GitCache(directory: lab.newCachePath())
        let report = try lab.namespace.withNetworkNamespace { try cache.fetchTags(from: server.url, options: options(server)) }
        XCTAssertEqual(report.remoteTags, [lab.release])
        XCTAssertEqual(report.fetchedTags, [lab.release])
        XCTAssertEqual(try cache.repository.peelToCommit(lab.release.objectID).commitID.hex, try lab.origin.revParse("v1.0.0^{commit}"))
    }

    func testHashedKnownHostsEntryAndURLWithoutUserAreAccepted() throws {
        let (lab, server) = try server()
        let hashed = lab.namespace.directory.appendingPathComponent("known_hosts_hashed")
        try LabFileSystem.write(try LabFileSystem.read(server.knownHostsFile), to: hashed)
        try LabCommandRunner.run(["ssh-keygen", "-H", "-f", hashed.path], timeout: 30).checked()
        let text = String(decoding: try LabFileSystem.read(hashed), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("|1|"), "ssh-keygen did not hash the name: \(text)")
        XCTAssertFalse(text.contains(server.address))

        // No user in this URL: libgit2 asks for one first, and gets the key's.
        let userless = "ssh://\(server.address):\(server.port)\(server.repository.path)"
        let cache = try GitCache(directory: lab.newCachePath())
        let report = try lab.namespace.withNetworkNamespace {
            try cache.fetchTags(from: userless, options: options(server, knownHosts: hashed.path))
        }
        XCTAssertEqual(report.fetchedTags, [lab.release])
    }

    func testChangedHostKeyIsRefusedWithItsFingerprint() throws {
        let (lab, server) = try server()
        let impostor = try SSHSigningKey.generate(at: lab.namespace.directory.appendingPathComponent("impostor_host_key"))
        let listed = "[\(server.address)]:\(server.port) " + impostor.publicKeyLine.split(separator: " ").prefix(2).joined(separator: " ")
        let knownHosts = try lab.file("known_hosts_changed", "# the key the operator recorded\n\(listed)\n")
        let cachePath = lab.newCachePath()
        let cache = try GitCache(directory: cachePath)

        let outcome = expectFailure {
            _ = try lab.namespace.withNetworkNamespace { try cache.fetchTags(from: server.url, options: options(server, knownHosts: knownHosts)) }
        }
        guard case .hostKeyRejected(let url, let host, let presented, let reason) = outcome.error else {
            return XCTFail("\(String(describing: outcome.error))")
        }
        XCTAssertEqual(url, server.url)
        XCTAssertEqual(host, "[\(server.address)]:\(server.port)")
        XCTAssertEqual(presented, try fingerprint(server.hostKey))
        XCTAssertTrue(reason.contains("changed"), reason)
        XCTAssertTrue(reason.contains(presented), reason)
        XCTAssertTrue(reason.contains(try fingerprint(impostor)), "the listed key's fingerprint: \(reason)")
        XCTAssertTrue(reason.contains("line 2"), reason)
        XCTAssertEqual(try cache.tags(), [], "nothing was fetched")
    }

    func testUnknownHostIsRefusedWithItsFingerprint() throws {
        let (lab, server) = try server()
        // The right key, but recorded for the default port: this host and port are not listed.
        let otherPort = try lab.file("known_hosts_other", server.knownHostsLine.replacingOccurrences(of: "]:\(server.port)", with: "]:2299") + "\n")
        let cache = try GitCache(directory: lab.newCachePath())
        let outcome = expectFailure {
            _ = try lab.namespace.withNetworkNamespace { try cache.fetchTags(from: server.url, options: options(server, knownHosts: otherPort)) }
        }
        guard case .hostKeyRejected(_, _, let presented, let reason) = outcome.error else {
            return XCTFail("\(String(describing: outcome.error))")
        }
        XCTAssertEqual(presented, try fingerprint(server.hostKey))
        XCTAssertTrue(reason.contains("is not in the known-hosts file \(otherPort)"), reason)
        XCTAssertTrue(reason.contains("ssh-ed25519 \(presented)"), reason)
    }

    func testWildcardNegatedAndRevokedLinesAreHonoured() throws {
        let (lab, server) = try server()
        let key = server.knownHostsLine.split(separator: " ").dropFirst().joined(separator: " ")
        func fetch(_ knownHosts: String) throws -> GitFetchReport {
            let path = try lab.file("known_hosts_\(UUID().uuidString.prefix(6))", knownHosts)
            let cache = try GitCache(directory: lab.newCachePath())
            return try lab.namespace.withNetworkNamespace { try cache.fetchTags(from: server.url, options: options(server, knownHosts: path)) }
        }
        XCTAssertEqual(try fetch("[127.0.0.?]:\(server.port),other.example.test \(key)\n").fetchedTags, [lab.release])

        let negated = expectFailure { _ = try fetch("[127.0.0.*]:\(server.port),![\(server.address)]:\(server.port) \(key)\n") }
        guard case .hostKeyRejected(_, _, _, let unknown) = negated.error else { return XCTFail("\(String(describing: negated.error))") }
        XCTAssertTrue(unknown.contains("is not in the known-hosts file"), unknown)

        let revoked = expectFailure { _ = try fetch("\(server.knownHostsLine)\n@revoked * \(key)\n") }
        guard case .hostKeyRejected(_, _, _, let reason) = revoked.error else { return XCTFail("\(String(describing: revoked.error))") }
        XCTAssertTrue(reason.contains("revoked in") && reason.contains("line 2"), reason)
    }

    func testWrongClientKeyIsRefusedAtOnce() throws {
        let (lab, server) = try server()
        let stranger = try SSHSigningKey.generate(at: lab.namespace.directory.appendingPathComponent("stranger_key"))
        let cache = try GitCache(directory: lab.newCachePath())
        let outcome = expectFailure {
            _ = try lab.namespace.withNetworkNamespace {
                try cache.fetchTags(from: server.url, options: options(server, key: stranger.privateKey, timeout: 60))
            }
        }
        guard case .authenticationFailed(_, let reason) = outcome.error else {
            return XCTFail("\(String(describing: outcome.error))")
        }
        XCTAssertTrue(reason.contains("refused the SSH key \(stranger.privateKey.path)"), reason)
        // One offer, one refusal: far below the 60 s deadline a retry loop would run into.
        XCTAssertLessThan(outcome.seconds, 5)
    }

    func testServerThatNeverAnswersTimesOutWithinTheDeadline() throws {
        let (lab, server) = try server()
        let cachePath = lab.newCachePath()
        let cache = try GitCache(directory: cachePath)
        // Frozen, sshd's socket still completes TCP handshakes; no SSH banner ever comes.
        try server.process.suspend()
        let outcome = expectFailure {
            _ = try lab.namespace.withNetworkNamespace { try cache.fetchTags(from: server.url, options: options(server, timeout: 2)) }
        }
        server.process.resume()
        assertTimedOut(outcome, url: server.url, deadline: 2)

        // The cache is still usable: the same cache fetches once the server answers.
        let report = try lab.namespace.withNetworkNamespace {
            try GitCache(directory: cachePath).fetchTags(from: server.url, options: options(server))
        }
        XCTAssertEqual(report.fetchedTags, [lab.release])
    }
}
