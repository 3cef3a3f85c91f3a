import Foundation

/// The release a host runs now, as far as rollback protection needs it.
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
}
