import Foundation
import PolicyGit

/// Why a release tag was refused. Each attack or fault has its own case, and
/// each message says what was refused and why.
public enum ReleaseTrustError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The tag object is malformed.
    case malformedTag(tag: String, TagParseError)
    /// The reference points at something other than a tag object (a lightweight tag).
    case notAnnotatedTag(tag: String, objectType: String)
    /// The tag has no signature.
    case unsigned(tag: String)
    /// The signature's format is one the agent does not verify, or has no trust configured for.
    case unsupportedSignature(tag: String, kind: TagSignature.Kind)
    /// The verifying tool refused the signature: bad, tampered, or by a key not trusted now.
    case signatureRejected(tag: String, kind: TagSignature.Kind, reason: String)
    /// Bytes follow the signature block; they are not signed.
    case textAfterSignature(tag: String, byteCount: Int)
    /// The reference's name differs from the `tag` header inside the signed object.
    case tagNameMismatch(reference: String, signedName: String)
    /// The tag does not name a commit.
    case notACommit(tag: String, objectType: String)
    /// The signed message has no `Expires:` line.
    case missingExpiry(tag: String)
    /// The `Expires:` line is not `YYYY-MM-DDTHH:MM:SSZ`, or appears twice.
    case malformedExpiry(tag: String, line: Int, value: String)
    /// The release's expiry has passed (freeze attack, or no release for too long).
    case expired(tag: String, expiredAt: Date, now: Date)
    /// The release is older than the one deployed (rollback attack).
    case rollback(tag: String, deployed: String)
    /// A tag already seen now names another object.
    case tagMoved(tag: String, previous: GitObjectID, now: GitObjectID)
    /// A trust file (allowed signers, keyring) cannot be read.
    case trustFileUnreadable(path: String, reason: String)
    /// A verifying tool could not be run, or did not finish in time.
    case toolFailed(tool: String, reason: String)
    /// A date the signer wrote (tagger date, OpenPGP signature time) lies further in
    /// the future than the clock-skew tolerance allows: a signer must not be able to
    /// stretch `max_release_age` or pre-date a release.
    case futureDated(tag: String, what: String, date: Date, now: Date)

    public var description: String {
        switch self {
        case .malformedTag(let tag, let error):
            return "release \(tag) refused: malformed tag object: \(error)"
        case .notAnnotatedTag(let tag, let type):
            return "release \(tag) refused: the reference names a \(type), not a signed annotated tag"
        case .unsigned(let tag):
            return "release \(tag) refused: the tag is not signed"
        case .unsupportedSignature(let tag, let kind):
            return "release \(tag) refused: \(kind.rawValue) signatures are not trusted here"
        case .signatureRejected(let tag, let kind, let reason):
            return "release \(tag) refused: \(kind.rawValue) signature not accepted: \(reason)"
        case .textAfterSignature(let tag, let count):
            return "release \(tag) refused: \(count) unsigned byte(s) follow the signature block"
        case .tagNameMismatch(let reference, let signed):
            return "release \(reference) refused: the signed tag object is named '\(signed)', not '\(reference)'"
        case .notACommit(let tag, let type):
            return "release \(tag) refused: it tags a \(type), not a commit"
        case .missingExpiry(let tag):
            return "release \(tag) refused: its signed message has no 'Expires: YYYY-MM-DDTHH:MM:SSZ' line"
        case .malformedExpiry(let tag, let line, let value):
            return "release \(tag) refused: tag object line \(line): bad Expires value '\(value)' (want YYYY-MM-DDTHH:MM:SSZ)"
        case .expired(let tag, let expiredAt, let now):
            return "release \(tag) refused: it expired at \(ReleaseExpiry.format(expiredAt)) (now \(ReleaseExpiry.format(now)))"
        case .rollback(let tag, let deployed):
            return "release \(tag) refused: it is older than the deployed release \(deployed) (rollback)"
        case .tagMoved(let tag, let previous, let now):
            return "release \(tag) refused: the tag moved from \(previous) to \(now); a published release must never change"
        case .trustFileUnreadable(let path, let reason):
            return "\(path): cannot read trust file: \(reason)"
        case .toolFailed(let tool, let reason):
            return "\(tool): \(reason)"
        case .futureDated(let tag, let what, let date, let now):
            return "release \(tag) refused: its \(what) \(ReleaseExpiry.format(date)) is in the future "
                + "(now \(ReleaseExpiry.format(now))); the signer's clock or the tag is wrong (clock skew)"
        }
    }
}
