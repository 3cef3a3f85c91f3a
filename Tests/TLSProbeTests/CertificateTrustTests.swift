import Foundation
import TLSPolicyLab
import TLSProbe
import XCTest
import PolicyDNS

/// Chain trust, expiry, fingerprints, DANE and protocol bounds, as Postfix judges them.
final class CertificateTrustTests: XCTestCase {
    func testExpiredCertificateIsCertificateExpired() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        let endpoint = try lab.startServer(certificate: try lab.ca.issueExpiredServerCertificate(names: ["mx.example.test"]))

        let result = try lab.probe(lab.request(endpoint, level: .secure))
        XCTAssertFalse(result.verdict.wouldDeliver)
        XCTAssertEqual(result.verdict.resultType, .certificateExpired)
        XCTAssertTrue(result.verdict.reason.hasSuffix(": certificate has expired"), result.verdict.reason)
        let notAfter = try XCTUnwrap(result.tls?.peerCertificate?.notAfter)
        XCTAssertLessThan(notAfter, Date())
    }

    func testCertificateFromUnknownCAIsNotTrusted() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        let other = try TestCertificateAuthority(directory: lab.namespace.directory.appendingPathComponent("other-ca"),
                                                 commonName: "Unknown Test CA")
        let endpoint = try lab.startServer(certificate: try other.issueServerCertificate(names: ["mx.example.test"]))

        let result = try lab.probe(lab.request(endpoint, level: .verify))
        XCTAssertFalse(result.verdict.wouldDeliver)
        XCTAssertEqual(result.verdict.resultType, .certificateNotTrusted)
        XCTAssertTrue(result.verdict.reason.hasSuffix(": untrusted issuer /CN=Unknown Test CA"), result.verdict.reason)
        XCTAssertEqual(result.tls?.peerCertificate?.issuerCommonName, "Unknown Test CA")
    }

    func testFingerprintMatchesCertificateOrPublicKeyDigestAndRejectsOthers() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        // Self-signed: a fingerprint pin needs no CA.
        let certificate = try lab.ca.makeSelfSignedCertificate(names: ["unrelated.test"])
        let endpoint = try lab.startServer(certificate: certificate)

        for digest in [try certificate.certificateSHA256(), try certificate.publicKeySHA256()] {
            var request = lab.request(endpoint, level: .fingerprint)
            request.fingerprints = [digest]
            let result = try lab.probe(request)
            XCTAssertTrue(result.verdict.wouldDeliver, "\(digest): \(result.verdict.reason)")
            XCTAssertEqual(result.tls?.dane?.matchedUsage, 3)
        }
        let seen = try lab.probe({ var r = lab.request(endpoint, level: .fingerprint); r.fingerprints = [try certificate.certificateSHA256()]; return r }())
        XCTAssertEqual(seen.tls?.peerCertificate?.certificateSHA256, try certificate.certificateSHA256())
        XCTAssertEqual(seen.tls?.peerCertificate?.publicKeySHA256, try certificate.publicKeySHA256())

        var wrong = lab.request(endpoint, level: .fingerprint)
        wrong.fingerprints = [String(repeating: "AB:", count: 31) + "AB"]
        let mismatch = try lab.probe(wrong)
        XCTAssertFalse(mismatch.verdict.wouldDeliver)
        XCTAssertEqual(mismatch.verdict.deferral, "Server certificate not verified")
        XCTAssertNil(mismatch.tls?.dane?.matchedRecord)

        var malformed = lab.request(endpoint, level: .fingerprint)
        malformed.fingerprints = ["AB:CD"]
        XCTAssertThrowsError(try lab.probe(malformed)) { error in
            XCTAssertEqual(error as? TLSProbeError, .invalidFingerprint("AB:CD"))
        }
    }

    func testDANEEEMatchesTheServerKeyAndFailsOnOtherData() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        // DANE-EE ignores names and the CA: a self-signed certificate with another name passes.
        let certificate = try lab.ca.makeSelfSignedCertificate(names: ["elsewhere.test"])
        let endpoint = try lab.startServer(certificate: certificate)
        let spki = try ProbeLab.bytes(fromColonHex: try certificate.publicKeySHA256())

        var matching = lab.request(endpoint, level: .daneOnly)
        matching.tlsaRecords = [TLSARecord(usage: 3, selector: 1, matchingType: 1, data: spki)]
        let pass = try lab.probe(matching)
        XCTAssertTrue(pass.verdict.wouldDeliver, pass.verdict.reason)
        XCTAssertEqual(pass.tls?.dane?.matchedUsage, 3)
        XCTAssertEqual(pass.tls?.dane?.matchedDepth, 0)

        var other = matching
        other.tlsaRecords = [TLSARecord(usage: 3, selector: 1, matchingType: 1, data: [UInt8](repeating: 7, count: 32))]
        let fail = try lab.probe(other)
        XCTAssertFalse(fail.verdict.wouldDeliver)
        XCTAssertEqual(fail.verdict.resultType, .tlsaInvalid)
    }

    func testDANETAMatchesTheIssuingCAAndChecksTheMXName() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        let endpoint = try lab.startServer(certificate: try lab.ca.issueServerCertificate(names: ["mx.example.test"]))
        let caDigest = try ProbeLab.certificateDigest(lab.ca.certificateFile)
        let taRecord = TLSARecord(usage: 2, selector: 0, matchingType: 1, data: caDigest)

        var request = lab.request(endpoint, level: .dane)
        request.caFile = nil
        request.caPath = lab.namespace.directory.path // no CAs there: trust must come from TLSA alone
        request.tlsaRecords = [taRecord]
        let pass = try lab.probe(request)
        XCTAssertTrue(pass.verdict.wouldDeliver, pass.verdict.reason)
        XCTAssertEqual(pass.tls?.dane?.matchedUsage, 2)
        XCTAssertEqual(pass.tls?.matchedName, "mx.example.test")

        var wrongName = request
        wrongName.mxHost = "mx2.example.test"
        let mismatch = try lab.probe(wrongName)
        XCTAssertFalse(mismatch.verdict.wouldDeliver, "DANE-TA still checks the MX host name")
        XCTAssertEqual(mismatch.verdict.resultType, .certificateHostMismatch)

        var wrongAnchor = request
        wrongAnchor.tlsaRecords = [TLSARecord(usage: 2, selector: 0, matchingType: 1, data: [UInt8](repeating: 1, count: 32))]
        let untrusted = try lab.probe(wrongAnchor)
        XCTAssertFalse(untrusted.verdict.wouldDeliver)
        XCTAssertEqual(untrusted.verdict.resultType, .tlsaInvalid)
    }

    func testTLS12OnlyServerFailsWhenTLS13IsRequired() throws {
        let lab = try ProbeLab()
        defer { lab.stop() }
        let endpoint = try lab.startServer(certificate: try lab.ca.issueServerCertificate(names: ["mx.example.test"]), tls12Only: true)

        let defaults = try lab.probe(lab.request(endpoint, level: .secure))
        XCTAssertTrue(defaults.verdict.wouldDeliver, defaults.verdict.reason)
        XCTAssertEqual(defaults.tls?.protocolVersion, "TLSv1.2")

        var modern = lab.request(endpoint, level: .secure)
        modern.protocols = TLSProtocolRange(minimum: .tls1_3)
        let result = try lab.probe(modern)
        XCTAssertFalse(result.verdict.wouldDeliver)
        XCTAssertEqual(result.failure?.step, .handshake)
        XCTAssertEqual(result.verdict.deferral, "Cannot start TLS: handshake failure")
        XCTAssertEqual(result.verdict.resultType, .validationFailure)
    }
}
