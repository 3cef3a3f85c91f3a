import Foundation
import Logging
import PolicyGit
import ReleaseTrust

/// Step 3: the checks `git verify-tag` makes, and the ones it does not: the signature
/// against this host's trusted keys at the current time, the signed tag name against the
/// reference, the signed `Expires:` line, the signer's dates against the clock, no
/// rollback below the newest release deployed here, and `max_release_age`.
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
        return ReleaseVerifier(verifiers: verifiers, clockSkewTolerance: context.configuration.clockSkewTolerance.interval,
                               logger: context.logger)
    }

    func run(tag: GitTagReference, fetched: FetchStep.Fetched, floor: ReleaseRecord?) async throws(VerifyError) -> VerifiedRelease {
        if let unusable = fetched.unusable[tag.name] {
            throw .unusable(unusable)
        }
        let object: GitRawObject
        do {
            // Size-capped: the object's header is read before the object.
            object = try fetched.cache.rawTagObject(tag)
        } catch {
            if case .tagObjectTooLarge(_, let size, let limit) = error {
                throw .unusable(GitUnusableTag(tag: tag, reason: .tagObjectTooLarge(size: size, limit: limit)))
            }
            throw .unreadable(tag: tag.name, error)
        }
        let release: VerifiedRelease
        do {
            release = try await verifier.verify(reference: tag.name, object: object, now: context.now,
                                                deployed: floor?.asDeployed)
        } catch {
            throw .refused(error)
        }
        // The tagger date is the signer's word: the age is measured from no later than now,
        // so a date within the clock-skew tolerance cannot make a release look younger.
        if let maxAge = context.configuration.maxReleaseAge,
           context.now.timeIntervalSince(min(release.taggerDate, context.now)) > maxAge.interval {
            throw .tooOld(tag: tag.name, taggerDate: release.taggerDate, maxAge: maxAge)
        }
        return release
    }
}
