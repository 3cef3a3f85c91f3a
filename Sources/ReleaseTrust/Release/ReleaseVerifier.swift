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
/// signed `Expires:` has not passed; it is not older than the deployed release;
/// the dates its signer wrote (tagger date, OpenPGP signature time) are not further
/// in the future than the clock-skew tolerance.
public struct ReleaseVerifier: Sendable {
    /// One verifier per trusted signature format.
    public let verifiers: [any SignatureVerifier]
    /// How far in the future a date the signer wrote may lie (clocks differ a little).
    public let clockSkewTolerance: TimeInterval
    private let logger: Logger

    /// A verifier trusting what `verifiers` trust.
    public init(verifiers: [any SignatureVerifier], clockSkewTolerance: TimeInterval = 3_600,
                logger: Logger = Logger(label: "ReleaseTrust.ReleaseVerifier")) {
        self.verifiers = verifiers
        self.clockSkewTolerance = clockSkewTolerance
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
        let latest = now.addingTimeInterval(clockSkewTolerance)
        guard tag.tagger.date <= latest else {
            throw .futureDated(tag: reference, what: "tagger date", date: tag.tagger.date, now: now)
        }
        if let signedAt = signer.signedAt, signedAt > latest {
            throw .futureDated(tag: reference, what: "signature time", date: signedAt, now: now)
        }
        guard tag.objectType == "commit", let commitID = GitObjectID(hex: tag.objectID) else {
            throw .notACommit(tag: reference, objectType: tag.objectType)
        }
        let expires = try ReleaseExpiry.read(from: tag)
        guard expires > now else { throw .expired(tag: reference, expiredAt: expires, now: now) }
        if let deployed, DeployedRelease(tagName: tag.tagName, taggerDate: tag.tagger.date).isOlder(than: deployed) {
            throw .rollback(tag: reference, deployed: deployed.tagName)
        }
        logger.info("release verified", metadata: [
            "tag": "\(reference)", "signer": "\(signer)", "expires": "\(ReleaseExpiry.format(expires))",
        ])
        return VerifiedRelease(tagName: reference, tagObjectID: object.id, commitID: commitID, signer: signer,
                               expires: expires, taggerDate: tag.tagger.date, message: tag.message)
    }
}
