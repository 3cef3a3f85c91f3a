import Foundation
import PolicyDNS
import TLSPolicyLab
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A server that never answers costs at most the configured timeout and tries.
final class ResolverTimeoutTests: XCTestCase {
    func testSilentServerTimesOutWithinTheBound() throws {
        try DNSLabRequirement.require()
        let namespace = try LabNamespace()
        defer { namespace.stop() }
        // A UDP socket bound in the namespace that nobody reads: queries arrive and are never answered.
        let silent = try namespace.withNetworkNamespace { try BoundUDPSocket(address: "127.0.0.1", port: 5300) }
        defer { silent.close() }
        let resolver = DNSResolver(server: try DNSServerAddress(parsing: "127.0.0.1:5300"), timeoutSeconds: 1, tries: 2)
        let started = Date()
        XCTAssertThrowsError(try namespace.withNetworkNamespace { try resolver.mx("example.test") }) { error in
            guard case DNSError.timedOut(let name, let type, let server, let seconds) = error else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(name, "example.test")
            XCTAssertEqual(type, .mx)
            XCTAssertEqual(server, "127.0.0.1:5300")
            XCTAssertEqual(seconds, 2)
        }
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(elapsed, 0.9, "it did wait for a reply")
        XCTAssertLessThan(elapsed, 5, "bounded by timeout x tries")
    }

    func testPortWithoutListenerFailsFast() throws {
        try DNSLabRequirement.require()
        let namespace = try LabNamespace()
        defer { namespace.stop() }
        let resolver = DNSResolver(server: try DNSServerAddress(parsing: "127.0.0.1:5301"), timeoutSeconds: 2, tries: 2)
        let started = Date()
        XCTAssertThrowsError(try namespace.withNetworkNamespace { try resolver.a("mx.example.test") }) { error in
            switch error {
            case DNSError.unreachable, DNSError.timedOut: break
            default: XCTFail("unexpected error \(error)")
            }
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 6)
    }
}
