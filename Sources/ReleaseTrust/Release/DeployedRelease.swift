import Foundation

/// A release as rollback protection orders it: by name when both names are versions
/// with the same prefix, else by the signed tagger dates.
public struct DeployedRelease: Sendable, Hashable {
    /// The deployed tag's name.
    public let tagName: String
    /// Its signed tagger date, used to order tags whose names are not versions.
    public let taggerDate: Date

    /// A deployed release from its parts.
    public init(tagName: String, taggerDate: Date) {
        self.tagName = tagName
        self.taggerDate = taggerDate
    }

    /// True when this release comes before `other`: version order when both names are
    /// versions with the same prefix (`v1.10.0` after `v1.9.0`), else the tagger dates.
    public func isOlder(than other: DeployedRelease) -> Bool {
        if let candidate = ReleaseVersion(tagName: tagName), let current = ReleaseVersion(tagName: other.tagName),
           candidate.prefix == current.prefix {
            return candidate < current
        }
        return taggerDate < other.taggerDate
    }
}
