import Foundation
import PolicyGit
import ReleaseTrust

/// Why the verify step refused the selected release.
enum VerifyError: SyncStepFailure {
    /// A check of ``ReleaseVerifier`` failed (signature, name, expiry, rollback, ...).
    case refused(ReleaseTrustError)
    /// The tag object could not be read from the cache.
    case unreadable(tag: String, GitCacheError)
    /// The tag cannot be a release: it leads to a blob or tree, or its object is
    /// oversized or malformed.
    case unusable(GitUnusableTag)
    /// The release is older than `max_release_age`, though not yet expired.
    case tooOld(tag: String, taggerDate: Date, maxAge: SettingDuration)

    var reason: String {
        switch self {
        case .unreadable: "cache-unusable"
        case .unusable: "malformed-tag"
        case .tooOld: "too-old"
        case .refused(let error):
            switch error {
            case .malformedTag, .notAnnotatedTag, .notACommit: "malformed-tag"
            case .unsigned: "unsigned"
            case .unsupportedSignature: "unsupported-signature"
            case .signatureRejected: "bad-signature"
            case .textAfterSignature: "text-after-signature"
            case .tagNameMismatch: "tag-name-mismatch"
            case .missingExpiry, .malformedExpiry: "bad-expiry"
            case .expired: "expired"
            case .rollback: "rollback"
            case .tagMoved: "tag-moved"
            case .trustFileUnreadable: "trust-file"
            case .toolFailed: "tool-failed"
            case .futureDated: "clock-skew"
            }
        }
    }

    var isRefusal: Bool {
        if case .unreadable = self { return false }
        if case .refused(.trustFileUnreadable) = self { return false }
        if case .refused(.toolFailed) = self { return false }
        return true
    }

    var description: String {
        switch self {
        case .refused(let error): error.description
        case .unreadable(let tag, let error): "release \(tag): cannot read the tag object: \(error)"
        case .unusable(let unusable): "release \(unusable.tag.name) refused: \(unusable.reason)"
        case .tooOld(let tag, let date, let age):
            "release \(tag) refused: tagged at \(ReleaseExpiry.format(date)), older than max_release_age (\(age))"
        }
    }
}
