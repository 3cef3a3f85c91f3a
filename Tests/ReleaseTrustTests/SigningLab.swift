import Foundation
import PolicyGit
import ReleaseTrust
import TLSPolicyLab
import XCTest

/// A dataset repository with real signing keys made for one test: an SSH key
/// in an allowed-signers file, an OpenPGP key exported to a keyring, and keys
/// nobody trusts. Everything lives in one temporary directory, removed (and
/// the gpg-agent stopped by PID) by ``tearDown()``.
final class SigningLab {
    let directory: URL
    let repository: GitFixtureRepository
    let sshKey: SSHSigningKey
    let untrustedSSHKey: SSHSigningKey
    let allowedSigners: URL
    let gnupg: OpenPGPHome
    let pgpFingerprint: String
    let untrustedPGPFingerprint: String
    let keyring: URL

    static let farFuture = "2099-01-01T00:00:00Z"

    init() throws {
        directory = try LabFileSystem.makeTemporaryDirectory(prefix: "release-trust")
        repository = try GitFixtureRepository(directory: directory.appendingPathComponent("dataset"))
        try repository.commit(files: ["policy/example.test.policy": "example.test secure\n"], message: "first")
        sshKey = try SSHSigningKey.generate(at: directory.appendingPathComponent("maintainer"))
        untrustedSSHKey = try SSHSigningKey.generate(at: directory.appendingPathComponent("stranger"))
        allowedSigners = try AllowedSignersFile.write(
            [sshKey.allowedSignersLine(principal: "maintainer@example.test")],
            to: directory.appendingPathComponent("allowed_signers"))
        gnupg = try OpenPGPHome(directory: directory.appendingPathComponent("gnupg"))
        pgpFingerprint = try gnupg.generateKey(userID: "Maintainer <maintainer@example.test>")
        untrustedPGPFingerprint = try gnupg.generateKey(userID: "Stranger <stranger@example.test>")
        keyring = try gnupg.exportKeyring(fingerprints: [pgpFingerprint], to: directory.appendingPathComponent("trusted.gpg"))
    }

    func tearDown() {
        try? gnupg.stopAgent()
        try? trustedHome?.stopAgent()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A release message with the required expiry.
    static func message(_ title: String, expires: String = farFuture) -> String {
        "\(title)\n\nExpires: \(expires)\n"
    }

    var verifier: ReleaseVerifier {
        ReleaseVerifier(verifiers: [
            SSHSignatureVerifier(allowedSignersFile: allowedSigners.path),
            OpenPGPSignatureVerifier(keyring: keyring.path),
        ])
    }

    /// The raw object `refs/tags/NAME` points at, read through libgit2.
    func rawObject(_ name: String) throws -> GitRawObject {
        let repo = try GitRepository(discoveringFrom: repository.directory.path)
        let id = try XCTUnwrap(try repo.tagReference(named: name), "no tag \(name)")
        return try repo.rawObject(id)
    }

    /// The agent's verdict on tag `name`.
    func agentVerdict(_ name: String, now: Date = Date(), deployed: DeployedRelease? = nil) async throws -> Result<VerifiedRelease, ReleaseTrustError> {
        let object = try rawObject(name)
        do {
            return .success(try await verifier.verify(reference: name, object: object, now: now, deployed: deployed))
        } catch {
            return .failure(error)
        }
    }

    /// `git verify-tag NAME` with the same trust as the agent; true when git accepts.
    func gitAccepts(_ name: String) throws -> Bool {
        try repository.verifyTag(name, allowedSigners: allowedSigners, gnupg: trustedOnlyGnuPG()).succeeded
    }

    /// A GnuPG home holding only the trusted key (the lab's own home also holds
    /// the stranger's key, which git would then accept).
    private func trustedOnlyGnuPG() throws -> OpenPGPHome {
        if let home = trustedHome { return home }
        let home = try OpenPGPHome(directory: directory.appendingPathComponent("gnupg-trusted"))
        try home.gpg(["--import", keyring.path])
        // Ultimate owner trust, as a maintainer's key has on the signer's own machine.
        try home.gpg(["--import-ownertrust"], input: Data("\(pgpFingerprint):6:\n".utf8))
        trustedHome = home
        return home
    }

    private var trustedHome: OpenPGPHome?
}
