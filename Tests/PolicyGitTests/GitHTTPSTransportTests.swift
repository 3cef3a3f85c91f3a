import Foundation
import PolicyGit
import TLSPolicyLab
import XCTest

/// Fetching over smart HTTPS from `git http-backend` behind a real lighttpd on loopback:
/// the lab CA as the CA file is trusted, a certificate from elsewhere is refused with
/// OpenSSL's reason, a host name resolves through the lab's DNS server, and neither a
/// server nor a DNS server that never answers holds the fetch past its deadline.
final class GitHTTPSTransportTests: GitRemoteLabTestCase {
    private static let hostName = "git.lab.test"
    private static let otherName = "mirror.lab.test"

    override class var requiredPrograms: [String] { ["lighttpd", "git", "dnsmasq"] }

    override func startServers(in lab: GitRemoteLab) throws {
        let origin = lab.origin.directory
        let namespace = lab.namespace
        let ca = lab.ca
        lab.https = try lab.start({ try GitHTTPSServer.start(repository: origin, namespace: namespace, ca: ca, hostName: Self.hostName) },
                                  stop: { try? $0.stop() })
        // The same repository behind a certificate no configured CA issued.
        let stranger = try ca.makeSelfSignedCertificate(names: [Self.hostName], fileName: "stranger")
        lab.untrustedHTTPS = try lab.start({
            try GitHTTPSServer.start(repository: origin, namespace: namespace, certificate: stranger, address: "127.0.0.2", port: 8444)
        }, stop: { try? $0.stop() })
        lab.dns = try lab.start({
            try DnsmasqServer(namespace: namespace, zone: DNSZone(records: [.a(name: Self.hostName, address: "127.0.0.1"),
                                                                            .a(name: Self.otherName, address: "127.0.0.1")],
                                                                  localDomains: ["lab.test"]))
        }, stop: { try? $0.stop() })
    }

    private func servers() throws -> (lab: GitRemoteLab, https: GitHTTPSServer) {
        let lab = try lab()
        return (lab, try XCTUnwrap(lab.https))
    }

    func testFetchWithTheTestCAAsCAFileSucceeds() throws {
        let (lab, server) = try servers()
        let cache = try GitCache(directory: lab.newCachePath())
        let options = GitFetchOptions(timeout: 30, caFile: lab.ca.certificateFile.path)
        let report = try lab.namespace.withNetworkNamespace { try cache.fetchTags(from: server.url, options: options) }
        XCTAssertEqual(report.remoteTags, [lab.release])
        XCTAssertEqual(report.fetchedTags, [lab.release])
        XCTAssertEqual(try cache.repository.peelToCommit(lab.release.objectID).treeID.hex, try lab.origin.revParse("v1.0.0^{tree}"))
    }

    /// libgit2 tells a smart server what the cache has only through references outside
    /// refs/tags; without the cache's "have" references every new release would bring
    /// the whole history again.
    func testANewReleaseDownloadsOnlyWhatIsNew() throws {
        let lab = try lab()
        let origin = try GitFixtureRepository(directory: lab.namespace.directory.appendingPathComponent("incremental"))
        // Lines that do not compress away: the first release's pack is large.
        let lines = (0..<20_000).map { "d\($0 &* 2_654_435_761 % 1_000_003).example secure match=.mx\($0).example.net" }
        try origin.commit(files: ["policy/big.policy": lines.joined(separator: "\n") + "\n"], message: "first")
        try origin.tag("v1.0.0", message: "Release 1.0.0\n")
        let namespace = lab.namespace
        let ca = lab.ca
        let server = try GitHTTPSServer.start(repository: origin.directory, namespace: namespace, ca: ca,
                                              address: "127.0.0.3", port: 8445)
        defer { try? server.stop() }
        let cache = try GitCache(directory: lab.newCachePath())
        let options = GitFetchOptions(timeout: 30, caFile: ca.certificateFile.path)
        let first = try namespace.withNetworkNamespace { try cache.fetchTags(from: server.url, options: options) }
        try origin.commit(files: ["policy/big.policy": (lines + ["new.example encrypt"]).joined(separator: "\n") + "\n"],
                          message: "second")
        try origin.tag("v1.1.0", message: "Release 1.1.0\n")
        let second = try namespace.withNetworkNamespace { try cache.fetchTags(from: server.url, options: options) }
        XCTAssertEqual(second.fetchedTags.map(\.name), ["v1.1.0"])
        XCTAssertGreaterThan(first.receivedBytes, 100_000)
        XCTAssertLessThan(second.receivedBytes, first.receivedBytes / 10,
                          "the second release should bring only its own objects: \(second.receivedBytes) vs \(first.receivedBytes) bytes")
    }

    func testHostNameThroughTheLabDNSServerIsFetchedAndChecked() throws {
        let (lab, server) = try servers()
        let cachePath = lab.newCachePath()
        let url = server.url(host: Self.hostName)
        let caFile = lab.ca.certificateFile.path
        // On a thread inside the lab's mount namespace, the system resolver asks dnsmasq.
        let report = try lab.namespace.runInside {
            try GitCache(directory: cachePath).fetchTags(from: url, options: GitFetchOptions(timeout: 30, caFile: caFile))
        }
        XCTAssertEqual(report.fetchedTags, [lab.release])
    }

    func testCertificateFromAnotherIssuerIsRefusedWithTheCAFile() throws {
        let (lab, _) = try servers()
        let stranger = try XCTUnwrap(lab.untrustedHTTPS)
        let cache = try GitCache(directory: lab.newCachePath())
        let options = GitFetchOptions(timeout: 30, caFile: lab.ca.certificateFile.path)
        let outcome = expectFailure {
            _ = try lab.namespace.withNetworkNamespace { try cache.fetchTags(from: stranger.url, options: options) }
        }
        guard case .certificateRejected(let url, let host, let reason) = outcome.error else {
            return XCTFail("\(String(describing: outcome.error))")
        }
        XCTAssertEqual(url, stranger.url)
        XCTAssertEqual(host, "127.0.0.2")
        XCTAssertTrue(reason.contains("self-signed certificate"), reason)
        XCTAssertTrue(reason.contains("the CA file \(lab.ca.certificateFile.path)"), reason)
        XCTAssertEqual(try cache.tags(), [])
    }

    func testTestCAIsNotTrustedWithoutTheCAFile() throws {
        let (lab, server) = try servers()
        let cachePath = lab.newCachePath()
        let url = server.url(host: Self.hostName)
        // By name, so libgit2's own verdict against the system CAs is the one refused.
        let outcome = expectFailure {
            _ = try lab.namespace.runInside { try GitCache(directory: cachePath).fetchTags(from: url, options: GitFetchOptions(timeout: 30)) }
        }
        guard case .certificateRejected(_, let host, let reason) = outcome.error else {
            return XCTFail("\(String(describing: outcome.error))")
        }
        XCTAssertEqual(host, Self.hostName)
        XCTAssertTrue(reason.contains("the system CAs"), reason)
    }

    func testCertificateForAnotherNameIsRefused() throws {
        let (lab, server) = try servers()
        let cachePath = lab.newCachePath()
        // The right server and a trusted certificate, reached by a name it does not hold.
        let url = server.url(host: Self.otherName)
        let caFile = lab.ca.certificateFile.path
        let outcome = expectFailure {
            _ = try lab.namespace.runInside { try GitCache(directory: cachePath).fetchTags(from: url, options: GitFetchOptions(timeout: 30, caFile: caFile)) }
        }
        guard case .certificateRejected(_, let host, let reason) = outcome.error else {
            return XCTFail("\(String(describing: outcome.error))")
        }
        XCTAssertEqual(host, Self.otherName)
        XCTAssertTrue(reason.contains("hostname mismatch"), reason)
    }

    func testServerThatNeverAnswersTimesOutWithinTheDeadline() throws {
        let (lab, server) = try servers()
        let cachePath = lab.newCachePath()
        let cache = try GitCache(directory: cachePath)
        let options = GitFetchOptions(timeout: 2, caFile: lab.ca.certificateFile.path)
        // Frozen, lighttpd's socket still completes TCP handshakes; no TLS reply ever comes.
        try server.process.suspend()
        let outcome = expectFailure {
            _ = try lab.namespace.withNetworkNamespace { try cache.fetchTags(from: server.url, options: options) }
        }
        server.process.resume()
        assertTimedOut(outcome, url: server.url, deadline: 2)

        let report = try lab.namespace.withNetworkNamespace {
            try GitCache(directory: cachePath).fetchTags(from: server.url, options: GitFetchOptions(timeout: 30, caFile: options.caFile))
        }
        XCTAssertEqual(report.fetchedTags, [lab.release], "the cache is usable after the timeout")
    }

    func testDNSServerThatNeverAnswersTimesOutWithinTheDeadline() throws {
        let (lab, server) = try servers()
        let dns = try XCTUnwrap(lab.dns)
        let cachePath = lab.newCachePath()
        let url = server.url(host: Self.hostName)
        let caFile = lab.ca.certificateFile.path
        // Frozen, dnsmasq's socket still takes the queries; no answer ever comes (the
        // resolver's own timeouts would take 10 s and more).
        try dns.process.suspend()
        let outcome = expectFailure {
            _ = try lab.namespace.runInside { try GitCache(directory: cachePath).fetchTags(from: url, options: GitFetchOptions(timeout: 2, caFile: caFile)) }
        }
        dns.process.resume()
        assertTimedOut(outcome, url: url, deadline: 2)
    }
}
