import Foundation

/// The empty map of `expiry_fallback = empty` is live: which release expired, and when
/// the empty map replaced it.
public struct ExpiryFallbackRecord: Sendable, Codable, Equatable {
    /// The release that expired with no newer valid one to replace it.
    public var expiredTag: String
    /// Its signed expiry.
    public var expiredAt: Date
    /// When the empty map was installed.
    public var installedAt: Date

    public init(expiredTag: String, expiredAt: Date, installedAt: Date) {
        self.expiredTag = expiredTag
        self.expiredAt = expiredAt
        self.installedAt = installedAt
    }
}
