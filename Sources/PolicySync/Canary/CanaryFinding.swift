import Foundation

/// A line the canary found would defer mail from this host, as the state remembers it:
/// only what was probed, with the release that carried it and the probe's reason.
public struct CanaryFinding: Sendable, Codable, Equatable {
    /// The key as postmap folds it.
    public var key: String
    /// The release whose line was probed.
    public var tag: String
    /// The probed value.
    public var line: String
    /// The live value kept while the line is held; nil for a new key (kept out).
    public var liveLine: String?
    /// The probe's reason, in Postfix's words.
    public var reason: String
    /// The RFC 8460 result type of the first failure (`certificate-host-mismatch`, ...).
    public var resultType: String
    /// When it was probed.
    public var probedAt: Date
}
