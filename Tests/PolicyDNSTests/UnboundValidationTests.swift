import PolicyDNS
import TLSPolicyLab
import XCTest

/// Lookups through a real validating unbound: a signed zone (KSK as trust anchor), an
/// unsigned one and one with expired signatures.
final class UnboundValidationTests: XCTestCase {
    private static let tlsaData = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"

    private var namespace: LabNamespace?
    private var server: UnboundServer?

    override func setUpWithError() throws {
        try DNSLabRequirement.require(["unbound", "unbound-checkconf", "ldns-keygen", "ldns-signzone"])
        let namespace = try LabNamespace()
        self.namespace = namespace
        server = try UnboundServer(namespace: namespace, zones: [
            UnboundZone(origin: "signed.test", records: [
                .mx(domain: "signed.test", host: "mx.signed.test", preference: 10),
                .a(name: "mx.signed.test", address: "127.0.0.2"),
                .aaaa(name: "mx.signed.test", address: "fd00::2"),
                .tlsa(name: "_25._tcp.mx.signed.test", usage: 3, selector: 1, matchingType: 1, data: Self.tlsaData),
                .txt(name: "_mta-sts.signed.test", strings: ["v=STSv1; id=1;"]),
                .nullMX(domain: "nomail.signed.test"),
            ], security: .signed),
            UnboundZone(origin: "plain.test", records: [
                .mx(domain: "plain.test", host: "mx.plain.test", preference: 10),
                .a(name: "mx.plain.test", address: "127.0.0.3"),
            ], security: .unsigned),
            UnboundZone(origin: "bogus.test", records: [
                .mx(domain: "bogus.test", host: "mx.bogus.test", preference: 10),
                .a(name: "mx.bogus.test", address: "127.0.0.4"),
            ], security: .bogus),
        ])
    }

    override func tearDown() {
        try? server?.stop()
        namespace?.stop()
        server = nil
        namespace = nil
    }

    private func withResolver<T>(_ body: (DNSResolver) throws -> T) throws -> T {
        let resolver = DNSResolver(server: try DNSServerAddress(parsing: "127.0.0.1"), timeoutSeconds: 3, tries: 2)
        return try XCTUnwrap(namespace).withNetworkNamespace { try body(resolver) }
    }

    func testSignedZoneAnswersCarryTheADBit() throws {
        let (mx, a, aaaa, tlsa, txt) = try withResolver {
            (try $0.mx("signed.test"), try $0.a("mx.signed.test"), try $0.aaaa("mx.signed.test"),
             try $0.tlsa(host: "mx.signed.test"), try $0.txt("_mta-sts.signed.test"))
        }
        XCTAssertEqual(mx.hosts, .exchangers([MXRecord(preference: 10, exchange: "mx.signed.test")]))
        XCTAssertTrue(mx.isAuthenticated, "MX")
        XCTAssertEqual(a.records, ["127.0.0.2"])
        XCTAssertTrue(a.isAuthenticated, "A")
        XCTAssertEqual(aaaa.records, ["fd00::2"])
        XCTAssertTrue(aaaa.isAuthenticated, "AAAA")
        XCTAssertEqual(tlsa.records.map(\.dataHex), [Self.tlsaData])
        XCTAssertTrue(tlsa.isAuthenticated, "TLSA")
        XCTAssertEqual(txt.records, ["v=STSv1; id=1;"])
        XCTAssertTrue(txt.isAuthenticated, "TXT")
    }

    func testSignedDenialOfExistenceIsAuthenticated() throws {
        let tlsa = try withResolver { try $0.tlsa(host: "nosuch.signed.test") }
        XCTAssertEqual(tlsa.outcome, .nonexistentDomain)
        XCTAssertTrue(tlsa.isAuthenticated, "NSEC-proven NXDOMAIN carries AD")
    }

    func testSignedNullMX() throws {
        let mx = try withResolver { try $0.mx("nomail.signed.test") }
        XCTAssertEqual(mx.hosts, .nullMX)
        XCTAssertTrue(mx.isAuthenticated)
    }

    func testUnsignedZoneAnswersLackTheADBit() throws {
        let mx = try withResolver { try $0.mx("plain.test") }
        XCTAssertEqual(mx.hosts, .exchangers([MXRecord(preference: 10, exchange: "mx.plain.test")]))
        XCTAssertFalse(mx.isAuthenticated)
    }

    func testBogusZoneIsServerFailure() throws {
        XCTAssertThrowsError(try withResolver { try $0.mx("bogus.test") }) { error in
            guard case DNSError.serverFailure(let name, let type, let server) = error else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(name, "bogus.test")
            XCTAssertEqual(type, .mx)
            XCTAssertEqual(server, "127.0.0.1:53")
        }
        XCTAssertTrue(try XCTUnwrap(server).log.contains("bogus.test"), "unbound logs why it found the answer bogus")
    }

    func testNamesOutsideTheLabZonesAreRefused() throws {
        XCTAssertThrowsError(try withResolver { try $0.a("mail.example.org") }) { error in
            guard case DNSError.refused = error else { return XCTFail("unexpected error \(error)") }
        }
    }
}
