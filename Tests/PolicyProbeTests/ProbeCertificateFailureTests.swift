import Foundation
import PolicyProbe
import TLSPolicyLab
import XCTest

/// Certificate and protocol failures get their RFC 8460 types and a repair that delivers.
final class ProbeCertificateFailureTests: XCTestCase {
    func testExpiredSelfSignedAndProtocolFailures() throws {
        let lab = try PolicyProbeLab()
        defer { lab.stop() }
        let expired = try lab.ca.issueExpiredServerCertificate(names: ["mx.expired.test"])
        try lab.smtp("127.0.0.2", certificate: expired)
        let selfSigned = try lab.ca.makeSelfSignedCertificate(names: ["mx.self.test"])
        try lab.smtp("127.0.0.3", certificate: selfSigned)
        try lab.smtp("127.0.0.4", names: ["mx.old.test"], tls12Only: true)
        try lab.dnsmasq([
            .a(name: "mx.expired.test", address: "127.0.0.2"),
            .a(name: "mx.self.test", address: "127.0.0.3"),
            .a(name: "mx.old.test", address: "127.0.0.4"),
            .mx(domain: "expired.test", host: "mx.expired.test"),
            .mx(domain: "self.test", host: "mx.self.test"),
            .mx(domain: "tls12.test", host: "mx.old.test"),
            .mx(domain: "tls13.test", host: "mx.old.test"),
        ])
        let report = try lab.probe("""
            expired.test secure match=mx.expired.test
            self.test secure match=mx.self.test
            tls12.test secure match=mx.old.test protocols=>=TLSv1.2
            tls13.test secure match=mx.old.test protocols=>=TLSv1.3

            """)

        let expiredEntry = try report.entry("expired.test")
        XCTAssertEqual(expiredEntry.verdict, .fail, expiredEntry.summary)
        XCTAssertEqual(expiredEntry.failures.first?.resultType, "certificate-expired")
        XCTAssertTrue(expiredEntry.failures.first?.reason.contains("certificate has expired") ?? false, expiredEntry.summary)
        XCTAssertEqual(expiredEntry.suggestion?.line, "expired.test encrypt", "TLS works, the certificate cannot verify")

        let selfEntry = try report.entry("self.test")
        XCTAssertEqual(selfEntry.verdict, .fail, selfEntry.summary)
        XCTAssertEqual(selfEntry.failures.first?.resultType, "certificate-not-trusted")
        XCTAssertEqual(selfEntry.suggestion?.line, "self.test encrypt")

        let tls12 = try report.entry("tls12.test")
        XCTAssertEqual(tls12.verdict, .pass, tls12.summary)
        XCTAssertEqual(tls12.mxHosts.first?.addresses.first?.tlsVersion, "TLSv1.2")

        let tls13 = try report.entry("tls13.test")
        XCTAssertEqual(tls13.verdict, .fail, tls13.summary)
        XCTAssertTrue(tls13.failures.first?.reason.contains("SSL_connect error") ?? false, tls13.summary)
        XCTAssertNil(tls13.suggestion, "no TLS 1.3 session is possible, so no line with protocols=>=TLSv1.3 delivers")
    }
}
