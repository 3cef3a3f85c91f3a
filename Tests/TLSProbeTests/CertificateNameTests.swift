import TLSPolicyLab
import TLSProbe
import XCTest

/// Name checks as Postfix's SMTP client makes them: `SSL_add1_host` per `match=` name,
/// no partial wildcards, a wildcard covers one label, `.domain` covers sub-domains.
final class CertificateNameTests: XCTestCase {
    func testSelfSignedCertificatePassesEncryptButNotSecure() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        let certificate = try lab.ca.makeSelfSignedCertificate(names: ["mx.example.test"])
        let endpoint = try lab.startServer(certificate: certificate)

        let encrypt = try lab.probe(lab.request(endpoint, level: .encrypt))
        XCTAssertTrue(encrypt.verdict.wouldDeliver, encrypt.verdict.reason)
        XCTAssertTrue(encrypt.verdict.reason.hasPrefix("Untrusted TLS connection established to mx.example.test[127.0.0.2]:"), encrypt.verdict.reason)
        XCTAssertEqual(encrypt.starttlsOffered, true)

        let secure = try lab.probe(lab.request(endpoint, level: .secure))
        XCTAssertFalse(secure.verdict.wouldDeliver)
        XCTAssertEqual(secure.verdict.resultType, .certificateNotTrusted)
        XCTAssertTrue(secure.verdict.reason.hasSuffix(": self-signed certificate"), secure.verdict.reason)
        XCTAssertEqual(secure.verdict.deferral, "Server certificate not verified")
    }

    func testVerifyAndSecurePassWithTheirDefaultMatchNames() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        let endpoint = try lab.startServer(certificate: try lab.ca.issueServerCertificate(names: ["mx.example.test"]))

        // verify: match=hostname (the MX host); secure: nexthop, dot-nexthop.
        for level in [TLSSecurityLevel.verify, .secure] {
            let result = try lab.probe(lab.request(endpoint, level: level))
            XCTAssertTrue(result.verdict.wouldDeliver, "\(level): \(result.verdict.reason)")
            XCTAssertTrue(result.verdict.reason.hasPrefix("Verified TLS connection established"), result.verdict.reason)
            XCTAssertNil(result.verdict.resultType)
            XCTAssertEqual(result.tls?.peerCertificate?.dnsNames, ["mx.example.test"])
        }
        let secure = try lab.probe(lab.request(endpoint, level: .secure))
        XCTAssertEqual(secure.tls?.matchedName, "mx.example.test")
    }

    func testSecureFailsOnHostnameMismatchAsPostfixLogsIt() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        let endpoint = try lab.startServer(certificate: try lab.ca.issueServerCertificate(names: ["mail.other.test"]))

        let result = try lab.probe(lab.request(endpoint, level: .secure))
        XCTAssertFalse(result.verdict.wouldDeliver)
        XCTAssertEqual(result.verdict.resultType, .certificateHostMismatch)
        XCTAssertEqual(result.verdict.reason,
                       "server certificate verification failed for mx.example.test[127.0.0.2]:\(endpoint.port): num=62:hostname mismatch")
        XCTAssertEqual(result.tls?.verification.code, 62)
        XCTAssertNil(result.tls?.matchedName)

        // The same certificate passes once the entry names it.
        var named = lab.request(endpoint, level: .secure)
        named.matchNames = ["mail.other.test"]
        XCTAssertTrue(try lab.probe(named).verdict.wouldDeliver)
    }

    func testWildcardCoversExactlyOneLabel() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        let endpoint = try lab.startServer(certificate: try lab.ca.issueServerCertificate(names: ["*.example.test"]))

        let oneLabel = try lab.probe(lab.request(endpoint, level: .verify, mxHost: "mx.example.test"))
        XCTAssertTrue(oneLabel.verdict.wouldDeliver, oneLabel.verdict.reason)
        let twoLabels = try lab.probe(lab.request(endpoint, level: .verify, mxHost: "a.b.example.test"))
        XCTAssertFalse(twoLabels.verdict.wouldDeliver)
        XCTAssertEqual(twoLabels.verdict.resultType, .certificateHostMismatch)
    }

    func testPartialLabelWildcardIsRefused() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        let endpoint = try lab.startServer(certificate: try lab.ca.issueServerCertificate(names: ["mx*.example.test"]))

        let result = try lab.probe(lab.request(endpoint, level: .verify, mxHost: "mx1.example.test"))
        XCTAssertFalse(result.verdict.wouldDeliver, "X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS must refuse mx*.example.test")
        XCTAssertEqual(result.verdict.resultType, .certificateHostMismatch)
    }

    func testDotPatternMatchesSubdomainsButNotTheDomainItself() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        let deep = try lab.startServer(certificate: try lab.ca.issueServerCertificate(names: ["mx.eu.example.test"]))
        let apex = try lab.startServer(certificate: try lab.ca.issueServerCertificate(names: ["example.test"]))

        var dotPattern = lab.request(deep, level: .secure)
        dotPattern.matchNames = [".example.test"]
        let subdomain = try lab.probe(dotPattern)
        XCTAssertTrue(subdomain.verdict.wouldDeliver, subdomain.verdict.reason)
        XCTAssertEqual(subdomain.tls?.matchedName, "mx.eu.example.test")

        var exact = lab.request(deep, level: .secure)
        exact.matchNames = ["example.test"]
        XCTAssertEqual(try lab.probe(exact).verdict.resultType, .certificateHostMismatch)

        var dotAtApex = lab.request(apex, level: .secure)
        dotAtApex.matchNames = [".example.test"]
        XCTAssertEqual(try lab.probe(dotAtApex).verdict.resultType, .certificateHostMismatch)
    }
}
