import Foundation
import MTASTS
import TLSPolicyLab
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Fetching policies from a real HTTPS server (openssl s_server) on loopback inside the
/// lab's namespace, with a test CA made at test time.
final class MTASTSFetchTests: XCTestCase {
    private static let host = "mta-sts.example.test"
    private static let goodPolicy = "version: STSv1\nmode: enforce\nmx: mx1.example.test\nmx: *.example.test\nmax_age: 86400\n"

    private var namespace: LabNamespace?
    private var authority: TestCertificateAuthority?
    private var server: PolicyHTTPSServer?

    override func setUpWithError() throws {
        if let reason = LabEnvironment.unavailableReason { throw XCTSkip("lab unavailable: \(reason)") }
        let namespace = try LabNamespace()
        self.namespace = namespace
        let authority = try TestCertificateAuthority(directory: namespace.directory.appendingPathComponent("ca"))
        self.authority = authority
        let certificate = try authority.issueServerCertificate(names: [Self.host])
        server = try PolicyHTTPSServer(namespace: namespace, certificate: certificate)
    }

    override func tearDown() {
        try? server?.stop()
        namespace?.stop()
        server = nil
        namespace = nil
    }

    private func fetcher(totalTimeout: Double = 10, caFile: String? = nil) throws -> MTASTSFetcher {
        let server = try XCTUnwrap(server)
        let authority = try XCTUnwrap(authority)
        return MTASTSFetcher(configuration: .init(caFile: caFile ?? authority.certificateFile.path,
                                                  connectTo: [server.connectTo(for: Self.host)],
                                                  connectTimeout: 5, totalTimeout: totalTimeout))
    }

    private func fetch(_ fetcher: MTASTSFetcher) throws -> MTASTSFetchResult {
        try XCTUnwrap(namespace).withNetworkNamespace { try fetcher.fetch(domain: "example.test") }
    }

    private func assertFetchFails(_ fetcher: MTASTSFetcher, file: StaticString = #filePath, line: UInt = #line,
                                  _ check: (MTASTSFetchError) -> Bool) {
        XCTAssertThrowsError(try fetch(fetcher), file: file, line: line) { error in
            guard let error = error as? MTASTSFetchError else { return XCTFail("unexpected error \(error)", file: file, line: line) }
            XCTAssertTrue(check(error), "unexpected error \(error)", file: file, line: line)
        }
    }

    func testGoodPolicyIsFetchedAndParsed() throws {
        try XCTUnwrap(server).serve(.policy(Self.goodPolicy))
        let result = try fetch(try fetcher())
        XCTAssertEqual(result.url, "https://mta-sts.example.test/.well-known/mta-sts.txt")
        XCTAssertEqual(result.body, Self.goodPolicy)
        XCTAssertEqual(result.policy.mode, .enforce)
        XCTAssertEqual(result.policy.mxPatterns.map(\.pattern), ["mx1.example.test", "*.example.test"])
    }

    func testRedirectIsRefused() throws {
        try XCTUnwrap(server).serve(.redirect(to: "https://elsewhere.example.test/policy.txt"))
        assertFetchFails(try fetcher()) {
            if case .redirected(_, 301, "https://elsewhere.example.test/policy.txt") = $0 { return true }
            return false
        }
    }

    func testNotFoundIsRefused() throws {
        try XCTUnwrap(server).serve(.notFound())
        assertFetchFails(try fetcher()) {
            if case .httpStatus(_, 404) = $0 { return true }
            return false
        }
    }

    func testWrongContentTypeIsRefused() throws {
        try XCTUnwrap(server).serve(.policy(Self.goodPolicy, contentType: "text/html"))
        assertFetchFails(try fetcher()) {
            if case .wrongContentType(_, "text/html") = $0 { return true }
            return false
        }
    }

    func testOversizedBodyIsRefusedWithAndWithoutContentLength() throws {
        for declared in [true, false] {
            try XCTUnwrap(server).serve(.oversized(bytes: 200_000, declaresLength: declared))
            assertFetchFails(try fetcher()) {
                if case .bodyTooLarge(_, 65_536) = $0 { return true }
                return false
            }
        }
        // Just under the limit is fine: the limit is the limit, not a smaller one.
        try XCTUnwrap(server).serve(.oversized(bytes: 65_000, declaresLength: false))
        XCTAssertEqual(try fetch(try fetcher()).policy.mode, .enforce)
    }

    func testCertificateFromAnotherCAIsRefused() throws {
        let namespace = try XCTUnwrap(namespace)
        let stranger = try TestCertificateAuthority(directory: namespace.directory.appendingPathComponent("other-ca"), commonName: "Other CA")
        try XCTUnwrap(server).serve(.policy(Self.goodPolicy))
        assertFetchFails(try fetcher(caFile: stranger.certificateFile.path)) {
            if case .certificateNotVerified = $0 { return true }
            return false
        }
    }

    func testCertificateForAnotherNameIsRefused() throws {
        let namespace = try XCTUnwrap(namespace)
        let authority = try XCTUnwrap(authority)
        let wrongName = try authority.issueServerCertificate(names: ["www.example.test"], fileName: "wrong-name")
        let other = try PolicyHTTPSServer(namespace: namespace, certificate: wrongName, port: 8444)
        defer { try? other.stop() }
        try other.serve(.policy(Self.goodPolicy))
        let fetcher = MTASTSFetcher(configuration: .init(caFile: authority.certificateFile.path,
                                                         connectTo: [other.connectTo(for: Self.host)], totalTimeout: 10))
        assertFetchFails(fetcher) {
            if case .certificateNotVerified = $0 { return true }
            return false
        }
    }

    func testExpiredCertificateIsRefused() throws {
        let namespace = try XCTUnwrap(namespace)
        let authority = try XCTUnwrap(authority)
        let expired = try authority.issueServerCertificate(names: [Self.host], notBefore: Date().addingTimeInterval(-10 * 86_400),
                                                           notAfter: Date().addingTimeInterval(-86_400), fileName: "expired")
        let other = try PolicyHTTPSServer(namespace: namespace, certificate: expired, port: 8447)
        defer { try? other.stop() }
        try other.serve(.policy(Self.goodPolicy))
        let fetcher = MTASTSFetcher(configuration: .init(caFile: authority.certificateFile.path,
                                                         connectTo: [other.connectTo(for: Self.host)], totalTimeout: 10))
        assertFetchFails(fetcher) {
            if case .certificateNotVerified(_, let reason) = $0 { return reason.contains("expired") }
            return false
        }
    }

    /// `--ca-path` alone: the hashed directory is the trust, and libcurl's own bundle is not added.
    func testHashedCADirectoryAloneIsTheTrust() throws {
        let namespace = try XCTUnwrap(namespace)
        let server = try XCTUnwrap(server)
        let hashed = try XCTUnwrap(authority).makeHashedDirectory(at: namespace.directory.appendingPathComponent("capath"))
        try server.serve(.policy(Self.goodPolicy))
        let trusted = MTASTSFetcher(configuration: .init(caPath: hashed.path, connectTo: [server.connectTo(for: Self.host)],
                                                         totalTimeout: 10))
        XCTAssertEqual(try fetch(trusted).policy.mode, .enforce)
        let empty = namespace.directory.appendingPathComponent("empty-capath")
        try LabFileSystem.createDirectory(empty)
        let untrusted = MTASTSFetcher(configuration: .init(caPath: empty.path, connectTo: [server.connectTo(for: Self.host)],
                                                           totalTimeout: 10))
        assertFetchFails(untrusted) {
            if case .certificateNotVerified = $0 { return true }
            return false
        }
    }

    func testBodyThatIsNotUTF8IsAnInvalidPolicy() throws {
        var body = Data(Self.goodPolicy.utf8)
        body.append(contentsOf: Array("note: caf".utf8) + [0xE9, 0x0A])
        try XCTUnwrap(server).serve(LabHTTPResponse(status: 200, reason: "OK",
                                                    headers: ["Content-Type: text/plain", "Content-Length: \(body.count)"], body: body))
        assertFetchFails(try fetcher()) {
            if case .invalidPolicy(_, let error) = $0 { return error.reason.contains("UTF-8") }
            return false
        }
    }

    func testSilentServerTimesOutWithinTheBound() throws {
        let namespace = try XCTUnwrap(namespace)
        // Listening but never accepting: the TCP handshake completes in the backlog, TLS never starts.
        let listener = try namespace.withNetworkNamespace { try SilentTCPListener(port: 8445) }
        defer { listener.close() }
        let fetcher = MTASTSFetcher(configuration: .init(caFile: try XCTUnwrap(authority).certificateFile.path,
                                                         connectTo: ["\(Self.host):443:127.0.0.1:8445"],
                                                         connectTimeout: 5, totalTimeout: 1.5))
        let started = Date()
        assertFetchFails(fetcher) {
            if case .timedOut = $0 { return true }
            return false
        }
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(elapsed, 1.4)
        XCTAssertLessThan(elapsed, 5)
    }

    func testNoListenerIsConnectionFailure() throws {
        let fetcher = MTASTSFetcher(configuration: .init(connectTo: ["\(Self.host):443:127.0.0.1:8446"], connectTimeout: 2, totalTimeout: 4))
        assertFetchFails(fetcher) {
            if case .connectionFailed = $0 { return true }
            return false
        }
    }
}
