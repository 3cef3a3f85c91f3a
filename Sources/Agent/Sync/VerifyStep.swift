import Foundation
import Logging
import PolicyGit
import ReleaseTrust

/// Step 3: the checks `git verify-tag` makes, and the ones it does not: the signature
/// against this host's trusted keys at the current time, the signed tag name against the
/// reference, the signed `Expires:` line, no rollback below the deployed release, and
/// `max_release_age`.
struct VerifyStep {
    var context: SyncContext

    /// The verifiers for the trust this host configures.
    var verifier: ReleaseVerifier {
        var verifiers: [any SignatureVerifier] = []
        if let signers = context.configuration.sshAllowedSigners {
            verifiers.append(SSHSignatureVerifier(allowedSignersFile: signers, logger: context.logger))
        }
        if let keyring = context.configuration.openPGPKeyring {
            verifiers.append(OpenPGPSignatureVerifier(keyring: keyring, logger: context.logger))
        }
        return ReleaseVerifier(verifiers: verifiers, logger: context.logger)
    }

    func run(tag: GitTagReference, cache: GitCache, deployed: DeployedRelease?) async throws(VerifyError) -> VerifiedRelease {
        let object: GitRawObject
        do {
            object = try cache.repository.rawObject(tag.objectID)
        } catch {
            throw .unreadable(tag: tag.name, error)
        }
        let release: VerifiedRelease
        do {
            release = try await verifier.verify(reference: tag.name, object: object, now: context.now, deployed: deployed)
        } catch {
            throw .refused(error)
        }
        if let maxAge = context.configuration.maxReleaseAge,
           context.now.timeIntervalSince(release.taggerDate) > Double(maxAge.seconds) {
            throw .tooOld(tag: tag.name, taggerDate: release.taggerDate, maxAge: maxAge)
        }
        return release
    }
}
