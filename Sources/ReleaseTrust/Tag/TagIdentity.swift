import Foundation

/// The `tagger` header of a tag: who tagged, and when they say they did.
///
/// The date is written by the signer; it is shown, never trusted for key
/// validity or expiry.
public struct TagIdentity: Sendable, Hashable {
    /// The name before the address.
    public let name: String
    /// The address between `<` and `>`.
    public let email: String
    /// The time stamp (seconds since 1970, UTC).
    public let date: Date
    /// The time zone as written (`+0100`).
    public let timeZone: String

    /// An identity from its parts.
    public init(name: String, email: String, date: Date, timeZone: String) {
        self.name = name
        self.email = email
        self.date = date
        self.timeZone = timeZone
    }
}
