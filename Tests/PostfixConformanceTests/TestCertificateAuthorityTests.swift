import Foundation
import TLSPolicyLab
import XCTest

/// Certificates made at test time with the openssl CLI (no root needed).
final class TestCertificateAuthorityTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        guard (try? LabCommandRunner.locate("openssl")) != nil else { throw XCTSkip("openssl is not installed") }
        directory = try LabFileSystem.makeTemporaryDirectory(prefix: "tlspolicylab-ca-test")
    }

    override func tearDown() {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    func testIssuedCertificateVerifiesAgainstTheCA() throws {
        let ca = try TestCertificateAuthority(directory: directory)
        let certificate = try ca.issueServerCertificate(names: ["mx.example.test", "*.example.test"])
        let result = try LabCommandRunner.run(["openssl", "verify", "-CAfile", ca.certificateFile.path, certificate.certificateFile.path], timeout: 30)
        XCTAssertTrue(result.succeeded, result.stdoutText + result.stderrText)
        let text = try LabCommandRunner.run(["openssl", "x509", "-in", certificate.certificateFile.path, "-noout", "-ext", "subjectAltName"], timeout: 30).checked().stdoutText
        XCTAssertTrue(text.contains("DNS:mx.example.test, DNS:*.example.test"), text)
    }

    func testExpiredCertificateFailsVerification() throws {
        let ca = try TestCertificateAuthority(directory: directory)
        let certificate = try ca.issueServerCertificate(names: ["old.example.test"], notBefore: Date().addingTimeInterval(-10 * 86_400),
                                                        notAfter: Date().addingTimeInterval(-86_400))
        let result = try LabCommandRunner.run(["openssl", "verify", "-CAfile", ca.certificateFile.path, certificate.certificateFile.path], timeout: 30)
        XCTAssertFalse(result.succeeded)
        XCTAssertTrue((result.stdoutText + result.stderrText).contains("certificate has expired"))
    }

    func testFingerprintsAreSHA256WithColons() throws {
        let ca = try TestCertificateAuthority(directory: directory)
        let certificate = try ca.issueServerCertificate(names: ["fp.example.test"])
        for digest in [try certificate.certificateSHA256(), try certificate.publicKeySHA256()] {
            XCTAssertEqual(digest.count, 32 * 3 - 1, digest)
            XCTAssertTrue(digest.allSatisfy { $0.isHexDigit || $0 == ":" }, digest)
        }
        XCTAssertNotEqual(try certificate.certificateSHA256(), try certificate.publicKeySHA256())
    }
}
