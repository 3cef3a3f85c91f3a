import Foundation

/// A Postfix release, as `major.minor` (the patch level never changes the table grammar).
///
/// Lint checks a table against one target version because an attribute that a
/// host's Postfix does not know makes the whole entry invalid, and an invalid
/// entry defers all mail to that destination.
public struct PostfixVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `3.7`, `3.7.11` or `postfix-3.10.1` style strings; `nil` when it is not a version.
    public init?(_ text: String) {
        var body = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        if let dash = body.lastIndex(of: "-") { body = body[body.index(after: dash)...] }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.count <= 3,
              let major = Int(parts[0]), let minor = Int(parts[1]),
              major >= 0, minor >= 0
        else { return nil }
        if parts.count == 3, Int(parts[2]) == nil { return nil }
        self.init(major: major, minor: minor)
    }

    public static func < (lhs: PostfixVersion, rhs: PostfixVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    public var description: String { "\(major).\(minor)" }

    /// Debian 12's Postfix, the version the project installs and tests against.
    public static let v3_7 = PostfixVersion(major: 3, minor: 7)
    /// The newest stable series the grammar was checked against.
    public static let v3_11 = PostfixVersion(major: 3, minor: 11)
}

/// A grammar feature that appeared in a given Postfix release.
public enum PostfixFeature: String, Sendable, CaseIterable {
    case fingerprintLevel = "level fingerprint"
    case daneLevels = "levels dane and dane-only"
    case servernameAndConnectionReuse = "servername and connection_reuse"
    case enableRPK = "enable_rpk"
    case braceGroups = "brace groups { name = value }"
    case externalPolicyAttributes = "policy_* and mx_host_pattern"

    /// The first release whose SMTP client accepts the feature.
    public var firstVersion: PostfixVersion {
        switch self {
        case .fingerprintLevel: PostfixVersion(major: 2, minor: 5)
        case .daneLevels: PostfixVersion(major: 2, minor: 11)
        case .servernameAndConnectionReuse: PostfixVersion(major: 3, minor: 4)
        case .enableRPK: PostfixVersion(major: 3, minor: 9)
        case .braceGroups, .externalPolicyAttributes: PostfixVersion(major: 3, minor: 10)
        }
    }
}

extension PostfixVersion {
    /// Whether this release's SMTP client accepts `feature`.
    public func supports(_ feature: PostfixFeature) -> Bool { self >= feature.firstVersion }
}
