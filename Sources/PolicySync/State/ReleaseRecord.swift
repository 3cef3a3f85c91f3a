import Foundation
import ReleaseTrust

/// A verified release as the state remembers it: enough to say what is live, to
/// refuse a rollback below it, and to judge its freshness on every run.
public struct ReleaseRecord: Sendable, Codable, Equatable {
    /// The tag's name.
    public var tag: String
    /// The tag object that passed verification (hex).
    public var tagObject: String
    /// The commit the signed tag names (hex).
    public var commit: String
    /// The tag name read as a version (`v1.2.0`), when it is one.
    public var version: String?
    /// Who signed it (`ssh:PRINCIPAL` or `openpgp:FINGERPRINT`).
    public var signer: String
    /// The signed tagger date, no later than the time it was verified.
    public var taggerDate: Date
    /// The signed `Expires:` time.
    public var expires: Date

    /// The record of `release`, verified at `now`.
    public init(_ release: VerifiedRelease, now: Date) {
        tag = release.tagName
        tagObject = release.tagObjectID.hex
        commit = release.commitID.hex
        version = ReleaseVersion(tagName: release.tagName)?.description
        signer = release.signer.description
        // The signer writes the tagger date; within the clock-skew tolerance it may lie
        // slightly ahead of now, and an ordering or age must never start in the future.
        taggerDate = min(release.taggerDate, now)
        expires = release.expires
    }

    /// A record from its parts (state migration, tests).
    public init(tag: String, tagObject: String, commit: String, version: String?, signer: String, taggerDate: Date,
                expires: Date) {
        self.tag = tag
        self.tagObject = tagObject
        self.commit = commit
        self.version = version
        self.signer = signer
        self.taggerDate = taggerDate
        self.expires = expires
    }

    /// What rollback protection compares a candidate with.
    public var asDeployed: DeployedRelease { DeployedRelease(tagName: tag, taggerDate: taggerDate) }
}
