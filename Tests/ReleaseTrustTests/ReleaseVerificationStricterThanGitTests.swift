import ExternalCommand
import Foundation
import PolicyGit
import ReleaseTrust
import TLSPolicyLab
import XCTest

/// Where `git verify-tag` (or gpgv's exit status) is lax, the agent refuses.
/// Each test first shows git's lax verdict, so it fails if git changes too.
final class ReleaseVerificationStricterThanGitTests: SigningLabTestCase {
    func testRetiredSSHKeyWithBackdatedTagIsRefusedThoughGitAccepts() async throws {
        let now = Date()
        let day: TimeInterval = 86_400
        // The key was retired yesterday; the signer backdates the tag to before that.
        try AllowedSignersFile.write(
            [lab.sshKey.allowedSignersLine(principal: "maintainer@example.test",
                                           validAfter: now - 30 * day, validBefore: now - day)],
            to: lab.allowedSigners)
        try lab.repository.tag("v1.0.0", message: SigningLab.message("Release 1.0.0"), signing: .ssh(lab.sshKey),
                               date: now - 2 * day)
        XCTAssertTrue(try lab.gitAccepts("v1.0.0"), "git judges key validity by the tagger date")
        let failure = try await lab.agentVerdict("v1.0.0", now: now).failure
        guard case .signatureRejected(_, .ssh, let reason) = failure else { return XCTFail("agent: \(String(describing: failure))") }
        XCTAssertTrue(reason.contains("no principal"), reason)
    }

    func testExpiredOpenPGPKeyIsRefusedThoughGpgvExitsZero() async throws {
        // A key made three days ago that expired two days ago, used while it was valid.
        let made = Date() - 3 * 86_400
        lab.gnupg.fakedSystemTime = made
        let fingerprint = try lab.gnupg.generateKey(userID: "Old <old@example.test>", expiry: "1d")
        // Every gpg process starts its faked clock at the same instant: sign an hour later, or a
        // slow key generation leaves the key "created in the future" and signing fails (seen in CI).
        lab.gnupg.fakedSystemTime = made + 3_600
        try lab.repository.tag("v1.0.0", message: SigningLab.message("Release 1.0.0"),
                               signing: .openPGP(lab.gnupg, fingerprint: fingerprint))
        lab.gnupg.fakedSystemTime = nil
        let keyring = try lab.gnupg.exportKeyring(fingerprints: [fingerprint], to: lab.directory.appendingPathComponent("old.gpg"))

        let gpgv = try runGpgv(tag: "v1.0.0", keyring: keyring)
        XCTAssertEqual(gpgv.exitStatus, 0, "gpgv exits 0 for an expired key: \(gpgv.stderrText)")
        XCTAssertTrue(gpgv.stdoutText.contains("EXPKEYSIG"), gpgv.stdoutText)

        let verifier = ReleaseVerifier(verifiers: [OpenPGPSignatureVerifier(keyring: keyring.path)])
        let object = try lab.rawObject("v1.0.0")
        do throws(ReleaseTrustError) {
            _ = try await verifier.verify(reference: "v1.0.0", object: object)
            XCTFail("expired key accepted")
        } catch {
            guard case .signatureRejected(_, .openPGP, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("EXPKEYSIG"), reason)
        }
    }

    func testRevokedOpenPGPKeyIsRefusedThoughGpgvExitsZero() async throws {
        try lab.repository.tag("v1.0.0", message: SigningLab.message("Release 1.0.0"),
                               signing: .openPGP(lab.gnupg, fingerprint: lab.pgpFingerprint))
        try lab.gnupg.revoke(fingerprint: lab.pgpFingerprint)
        let keyring = try lab.gnupg.exportKeyring(fingerprints: [lab.pgpFingerprint], to: lab.keyring)

        let gpgv = try runGpgv(tag: "v1.0.0", keyring: keyring)
        XCTAssertEqual(gpgv.exitStatus, 0, "gpgv exits 0 for a revoked key: \(gpgv.stderrText)")
        XCTAssertTrue(gpgv.stdoutText.contains("REVKEYSIG"), gpgv.stdoutText)

        let failure = try await lab.agentVerdict("v1.0.0").failure
        guard case .signatureRejected(_, .openPGP, let reason) = failure else { return XCTFail("agent: \(String(describing: failure))") }
        XCTAssertTrue(reason.contains("REVKEYSIG"), reason)
    }

    func testTextAfterSignatureIsRefusedThoughGitAccepts() async throws {
        try lab.repository.tag("v1.0.0", message: SigningLab.message("Release 1.0.0", expires: "2030-01-01T00:00:00Z"),
                               signing: .ssh(lab.sshKey))
        var bytes = try lab.repository.rawTag("v1.0.0")
        bytes.append(Data("Expires: 2099-01-01T00:00:00Z\n".utf8))
        try lab.repository.storeLiteralTag(bytes, as: "v1.0.0")
        XCTAssertTrue(try lab.gitAccepts("v1.0.0"), "git ignores text after the signature")

        let failure = try await lab.agentVerdict("v1.0.0").failure
        XCTAssertEqual(failure, .textAfterSignature(tag: "v1.0.0", byteCount: 30))
        // And the unsigned line is never read as the expiry.
        let parsed = try ReleaseTagObject(parsing: Array(bytes))
        XCTAssertEqual(ReleaseExpiry.format(try ReleaseExpiry.read(from: parsed)), "2030-01-01T00:00:00Z")
    }

    func testReferenceNameDifferentFromSignedTagNameIsRefusedThoughGitAccepts() async throws {
        let id = try lab.repository.tag("v1.0.0", message: SigningLab.message("Release 1.0.0"), signing: .ssh(lab.sshKey))
        try lab.repository.git(["update-ref", "refs/tags/v9.0.0", id])
        XCTAssertTrue(try lab.gitAccepts("v9.0.0"), "git does not compare the reference with the tag header")
        let failure = try await lab.agentVerdict("v9.0.0").failure
        XCTAssertEqual(failure, .tagNameMismatch(reference: "v9.0.0", signedName: "v1.0.0"))
    }

    func testExpiredReleaseIsRefusedThoughGitAccepts() async throws {
        try lab.repository.tag("v1.0.0", message: SigningLab.message("Release 1.0.0", expires: "2020-01-01T00:00:00Z"),
                               signing: .ssh(lab.sshKey))
        XCTAssertTrue(try lab.gitAccepts("v1.0.0"))
        let failure = try await lab.agentVerdict("v1.0.0").failure
        guard case .expired(let tag, let expiredAt, _) = failure else { return XCTFail("agent: \(String(describing: failure))") }
        XCTAssertEqual(tag, "v1.0.0")
        XCTAssertEqual(ReleaseExpiry.format(expiredAt), "2020-01-01T00:00:00Z")
    }

    func testReleaseWithoutExpiryIsRefused() async throws {
        try lab.repository.tag("v1.0.0", message: "Release 1.0.0\n", signing: .ssh(lab.sshKey))
        XCTAssertTrue(try lab.gitAccepts("v1.0.0"))
        let failure = try await lab.agentVerdict("v1.0.0").failure
        XCTAssertEqual(failure, .missingExpiry(tag: "v1.0.0"))
    }

    func testOlderReleaseThanDeployedIsRefusedAsRollback() async throws {
        try lab.repository.tag("v1.9.0", message: SigningLab.message("Release 1.9.0"), signing: .ssh(lab.sshKey))
        XCTAssertTrue(try lab.gitAccepts("v1.9.0"))
        let deployed = DeployedRelease(tagName: "v1.10.0", taggerDate: Date())
        let failure = try await lab.agentVerdict("v1.9.0", deployed: deployed).failure
        XCTAssertEqual(failure, .rollback(tag: "v1.9.0", deployed: "v1.10.0"))
        // The same release again is not a rollback.
        let same = DeployedRelease(tagName: "v1.9.0", taggerDate: Date())
        let again = try await lab.agentVerdict("v1.9.0", deployed: same)
        XCTAssertNil(again.failure)
    }

    func testTagMovedBetweenFetchesIsRefusedEvenAfterReclone() async throws {
        let cachePath = lab.directory.appendingPathComponent("cache.git").path
        let origin = lab.repository.directory.path
        try lab.repository.tag("v1.0.0", message: SigningLab.message("Release 1.0.0"), signing: .ssh(lab.sshKey))
        var ledger = TagLedger()
        _ = try GitCache(directory: cachePath).fetchTags(from: origin)
        ledger.recordVerified(try await lab.agentVerdict("v1.0.0").get())

        // The maintainer's key re-signs v1.0.0 on another commit: git accepts the new tag.
        try lab.repository.commit(files: ["policy/evil.test.policy": "evil.test none\n"], message: "moved")
        let moved = try lab.repository.tag("v1.0.0", message: SigningLab.message("Release 1.0.0"), signing: .ssh(lab.sshKey), force: true)
        XCTAssertTrue(try lab.gitAccepts("v1.0.0"))

        // Even a fresh clone (the cache was lost) does not make the move acceptable.
        try FileManager.default.removeItem(atPath: cachePath)
        let report = try GitCache(directory: cachePath).fetchTags(from: origin)
        let movedTag = try XCTUnwrap(report.remoteTags.first { $0.name == "v1.0.0" })
        XCTAssertEqual(movedTag.objectID.hex, moved)
        XCTAssertThrowsError(try ledger.check(movedTag)) { error in
            guard case .tagMoved("v1.0.0", _, let now) = error as? ReleaseTrustError else { return XCTFail("\(error)") }
            XCTAssertEqual(now.hex, moved)
        }
    }

    /// git accepts a tag dated 30 days ahead; the agent refuses it, as max_release_age
    /// would otherwise be measured from a date the signer chose.
    func testFutureDatedTagIsRefusedAsClockSkew() async throws {
        let now = Date()
        try lab.repository.tag("v3.0.0", message: SigningLab.message("Release 3.0.0"), signing: .ssh(lab.sshKey),
                               date: now.addingTimeInterval(30 * 86_400))
        XCTAssertTrue(try lab.gitAccepts("v3.0.0"))
        let failure = try await lab.agentVerdict("v3.0.0", now: now).failure
        guard case .futureDated(let tag, let what, _, _) = failure else { return XCTFail("\(String(describing: failure))") }
        XCTAssertEqual(tag, "v3.0.0")
        XCTAssertEqual(what, "tagger date")
        XCTAssertTrue(failure?.description.contains("clock skew") ?? false)
        // Within the tolerance (default 1 h), a signer's clock slightly ahead is accepted.
        try lab.repository.tag("v3.0.1", message: SigningLab.message("Release 3.0.1"), signing: .ssh(lab.sshKey),
                               date: now.addingTimeInterval(10 * 60))
        let slightlyAhead = try await lab.agentVerdict("v3.0.1", now: now).failure
        XCTAssertNil(slightlyAhead)
    }

    /// An OpenPGP signature carries its own time; one made 30 days ahead of now is refused
    /// even when the tagger date looks right (measured: gpgv 2.2 exits 0 with GOODSIG).
    func testOpenPGPSignatureMadeInTheFutureIsRefused() async throws {
        let now = Date()
        lab.gnupg.fakedSystemTime = now.addingTimeInterval(30 * 86_400)
        defer { lab.gnupg.fakedSystemTime = nil }
        try lab.repository.tag("v3.1.0", message: SigningLab.message("Release 3.1.0"),
                               signing: .openPGP(lab.gnupg, fingerprint: lab.pgpFingerprint), date: now)
        // gpgv accepts it (GOODSIG, VALIDSIG): only the agent's own check refuses it.
        let failure = try await lab.agentVerdict("v3.1.0", now: now).failure
        guard case .futureDated("v3.1.0", "signature time", _, _) = failure else {
            return XCTFail("\(String(describing: failure))")
        }
    }

    /// Runs gpgv directly on the tag's signature, as a naive verifier would.
    private func runGpgv(tag: String, keyring: URL) throws -> CommandResult {
        let parsed = try ReleaseTagObject(parsing: Array(try lab.repository.rawTag(tag)))
        let signature = try XCTUnwrap(parsed.signature)
        let signatureFile = lab.directory.appendingPathComponent("\(tag).sig")
        try LabFileSystem.write(Data(signature.armored), to: signatureFile)
        let home = lab.directory.appendingPathComponent("gpgv-home")
        try LabFileSystem.createDirectory(home, mode: 0o700)
        return try LabCommandRunner.run(["gpgv", "--homedir", home.path, "--status-fd", "1", "--keyring", keyring.path,
                                      signatureFile.path, "-"], input: Data(parsed.signedPayload), timeout: 30)
    }
}
