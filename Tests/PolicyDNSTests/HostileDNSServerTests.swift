import Foundation
import PolicyDNS
import TLSPolicyLab
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A server on the namespace's loopback that answers every query with a broken reply:
/// the resolver reports a malformed reply, and does not crash or hang.
final class HostileDNSServerTests: XCTestCase {
    func testBrokenRepliesFromARealSocketAreMalformedReplyErrors() throws {
        try DNSLabRequirement.require()
        let namespace = try LabNamespace()
        defer { namespace.stop() }
        // Each reply echoes the query's ID and question, claims three answers, then carries a
        // record whose RDATA length runs past the end of the message.
        let garbage: [UInt8] = [0xC0, 12, 0, 15, 0, 1, 0, 0, 0, 60, 0xFF, 0xF0, 0, 10, 0xC0]
        let responder = try namespace.withNetworkNamespace { try HostileResponder(port: 5302, trailer: garbage) }
        defer { responder.stop() }
        let resolver = DNSResolver(server: try DNSServerAddress(parsing: "127.0.0.1:5302"), timeoutSeconds: 2, tries: 1)
        let started = Date()
        XCTAssertThrowsError(try namespace.withNetworkNamespace { try resolver.mx("example.test") }) { error in
            guard case DNSError.malformedReply(let name, let type, _) = error else { return XCTFail("unexpected error \(error)") }
            XCTAssertEqual(name, "example.test")
            XCTAssertEqual(type, .mx)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
        XCTAssertGreaterThan(responder.answered, 0, "the broken reply was really sent")
    }
}
