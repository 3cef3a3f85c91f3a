import Foundation
import PolicyGit
import ReleaseTrust
import TLSPolicyLab
import XCTest

/// The agent's verdict and `git verify-tag`'s agree on every signed, unsigned,
/// tampered and untrusted tag (real git, ssh-keygen, gpg and gpgv; keys made here).
final class ReleaseVerificationAgreementTests: SigningLabTestCase {
    func testSSHSignedTagIsAcceptedByAgentAndGit() async throws {
        try lab.repository.tag("v1.0.0", message: SigningLab.message("Release 1.0.0"), signing: .ssh(lab.sshKey))
        XCTAssertTrue(try lab.gitAccepts("v1.0.0"))
        let release = try await lab.agentVerdict("v1.0.0").get()
        XCTAssertEqual(release.signer, SignerIdentity(kind: .ssh, identity: "maintainer@example.test"))
        XCTAssertEqual(release.commitID.hex, try lab.repository.revParse("HEAD"))
        XCTAssertEqual(ReleaseExpiry.format(release.expires), SigningLab.farFuture)
    }

    func testOpenPGPSignedTagIsAcceptedByAgentAndGit() async throws {
        try lab.repository.tag("v1.0.0", message: SigningLab.message("Release 1.0.0"),
                               signing: .openPGP(lab.gnupg, fingerprint: lab.pgpFingerprint))
        XCTAssertTrue(try lab.gitAccepts("v1.0.0"))
        let release = try await lab.agentVerdict("v1.0.0").get()
        XCTAssertEqual(release.signer.kind, .openPGP)
        XCTAssertEqual(release.signer.identity, lab.pgpFingerprint)
        // The signature's own time, read from gpgv's VALIDSIG line: it was made just now.
        let signedAt = try XCTUnwrap(release.signer.signedAt)
        XCTAssertLessThan(abs(signedAt.timeIntervalSinceNow), 120)
    }

    func testUnsignedTagIsRefusedByAgentAndGit() async throws {
        try lab.repository.tag("v1.0.0", message: SigningLab.message("Release 1.0.0"))
        XCTAssertFalse(try lab.gitAccepts("v1.0.0"))
        let failure = try await lab.agentVerdict("v1.0.0").failure
        XCTAssertEqual(failure, .unsigned(tag: "v1.0.0"))
    }

    func testTamperedSSHTagIsRefusedByAgentAndGit() async throws {
        try await assertTamperedTagRefused(signing: .ssh(lab.sshKey), kind: .ssh)
    }

    func testTamperedOpenPGPTagIsRefusedByAgentAndGit() async throws {
        try await assertTamperedTagRefused(signing: .openPGP(lab.gnupg, fingerprint: lab.pgpFingerprint), kind: .openPGP)
    }

    func testUntrustedSSHKeyIsRefusedByAgentAndGit() async throws {
        try lab.repository.tag("v1.0.0", message: SigningLab.message("Release 1.0.0"), signing: .ssh(lab.untrustedSSHKey))
        XCTAssertFalse(try lab.gitAccepts("v1.0.0"))
        let failure = try await lab.agentVerdict("v1.0.0").failure
        guard case .signatureRejected(_, .ssh, _) = failure else { return XCTFail("agent: \(String(describing: failure))") }
    }

    func testUntrustedOpenPGPKeyIsRefusedByAgentAndGit() async throws {
        try lab.repository.tag("v1.0.0", message: SigningLab.message("Release 1.0.0"),
                               signing: .openPGP(lab.gnupg, fingerprint: lab.untrustedPGPFingerprint))
        XCTAssertFalse(try lab.gitAccepts("v1.0.0"))
        let failure = try await lab.agentVerdict("v1.0.0").failure
        guard case .signatureRejected(_, .openPGP, let reason) = failure else {
            return XCTFail("agent: \(String(describing: failure))")
        }
        XCTAssertTrue(reason.contains("NO_PUBKEY") || reason.contains("ERRSIG"), reason)
    }

    /// Signs a tag, then stores a copy whose signed message says something else
    /// (a later expiry) under the same name, as an attacker with write access would.
    private func assertTamperedTagRefused(signing: GitTagSigning, kind: TagSignature.Kind,
                                          file: StaticString = #filePath, line: UInt = #line) async throws {
        try lab.repository.tag("v1.0.0", message: SigningLab.message("Release 1.0.0", expires: "2030-01-01T00:00:00Z"),
                               signing: signing)
        let original = String(decoding: try lab.repository.rawTag("v1.0.0"), as: UTF8.self)
        let forged = original.replacingOccurrences(of: "Expires: 2030-01-01T00:00:00Z", with: "Expires: 2099-01-01T00:00:00Z")
        XCTAssertNotEqual(forged, original, file: file, line: line)
        try lab.repository.storeLiteralTag(Data(forged.utf8), as: "v1.0.0")
        XCTAssertFalse(try lab.gitAccepts("v1.0.0"), "git accepted the forged tag", file: file, line: line)
        let failure = try await lab.agentVerdict("v1.0.0").failure
        guard case .signatureRejected(_, let rejectedKind, _) = failure else {
            return XCTFail("agent: \(String(describing: failure))", file: file, line: line)
        }
        XCTAssertEqual(rejectedKind, kind, file: file, line: line)
    }
}

extension Result {
    /// The error, or nil on success.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
