import Foundation
import PolicyGit

/// A release tag that passed every check: signed by a trusted key now, named
/// as its reference, not expired, not older than the deployed release.
public struct VerifiedRelease: Sendable, Hashable {
    /// The tag's name (reference and signed header agree).
    public let tagName: String
    /// The tag object's ID.
    public let tagObjectID: GitObjectID
    /// The commit the signed tag names.
    public let commitID: GitObjectID
    /// Who signed it.
    public let signer: SignerIdentity
    /// The signed `Expires:` time.
    public let expires: Date
    /// The signed tagger date.
    public let taggerDate: Date
    /// The signed message.
    public let message: String

    /// A verified release from its parts.
    public init(tagName: String, tagObjectID: GitObjectID, commitID: GitObjectID, signer: SignerIdentity,
                expires: Date, taggerDate: Date, message: String) {
        self.tagName = tagName
        self.tagObjectID = tagObjectID
        self.commitID = commitID
        self.signer = signer
        self.expires = expires
        self.taggerDate = taggerDate
        self.message = message
    }
}
