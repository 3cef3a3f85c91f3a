import Foundation
import Logging
import PolicyGit

/// Decides whether a release tag may be deployed: the checks `git verify-tag`
/// makes, and the ones it does not.
///
/// In order: the reference names a tag object; the object parses; its signed
/// `tag` header equals the reference's name (git does not compare them); it is
/// signed, with nothing after the signature block; a configured verifier for
/// its signature format accepts it at the current time; it tags a commit; its
/// signed `Expires:` has not passed; it is not older than the deployed release.
public struct ReleaseVerifier: Sendable {
    /// One verifier per trusted signature format.
    public let verifiers: [any SignatureVerifier]
    private let logger: Logger

    /// A verifier trusting what `verifiers` trust.
    public init(verifiers: [any SignatureVerifier], logger: Logger = Logger(label: "ReleaseTrust.ReleaseVerifier")) {
        self.verifiers = verifiers
        self.logger = logger
    }

    /// Verifies the tag `reference` (its short name) whose reference points at `object`.
    ///
    /// - Parameters:
    ///   - now: the current time; key validity and expiry are judged at it.
    ///   - deployed: the release deployed now, if any (rollback check).
    /// - Throws: ``ReleaseTrustError``, one case per reason.
    public func verify(reference: String, object: GitRawObject, now: Date = Date(),
                       deployed: DeployedRelease? = nil) async throws(ReleaseTrustError) -> VerifiedRelease {
        guard object.type == .tag else { throw .notAnnotatedTag(tag: reference, objectType: object.type.rawValue) }
        let tag: ReleaseTagObject
        do {
            tag = try ReleaseTagObject(parsing: object.bytes)
        } catch {
            throw .malformedTag(tag: reference, error)
        }
        guard tag.tagName == reference else { throw .tagNameMismatch(reference: reference, signedName: tag.tagName) }
        guard let signature = tag.signature else { throw .unsigned(tag: reference) }
        guard tag.textAfterSignature.isEmpty else {
            throw .textAfterSignature(tag: reference, byteCount: tag.textAfterSignature.count)
        }
        guard let verifier = verifiers.first(where: { $0.kind == signature.kind }) else {
            throw .unsupportedSignature(tag: reference, kind: signature.kind)
        }
        let signer = try await verifier.verify(payload: tag.signedPayload, signature: signature, tag: reference, at: now)
        guard tag.objectType == "commit", let commitID = GitObjectID(hex: tag.objectID) else {
            throw .notACommit(tag: reference, objectType: tag.objectType)
        }
        let expires = try ReleaseExpiry.read(from: tag)
        guard expires > now else { throw .expired(tag: reference, expiredAt: expires, now: now) }
        if let deployed, Self.isOlder(tag, than: deployed) {
            throw .rollback(tag: reference, deployed: deployed.tagName)
        }
        logger.info("release verified", metadata: [
            "tag": "\(reference)", "signer": "\(signer)", "expires": "\(ReleaseExpiry.format(expires))",
        ])
        return VerifiedRelease(tagName: reference, tagObjectID: object.id, commitID: commitID, signer: signer,
                               expires: expires, taggerDate: tag.tagger.date, message: tag.message)
    }

    /// Version order when both names are versions with the same prefix, else
    /// the signed tagger dates.
    static func isOlder(_ tag: ReleaseTagObject, than deployed: DeployedRelease) -> Bool {
        if let candidate = ReleaseVersion(tagName: tag.tagName),
           let current = ReleaseVersion(tagName: deployed.tagName),
           candidate.prefix == current.prefix {
            return candidate < current
        }
        return tag.tagger.date < deployed.taggerDate
    }
}
