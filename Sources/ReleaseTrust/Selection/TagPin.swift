#if canImport(Glibc)
import Glibc
#endif

/// Which release tags a host accepts: one exact tag, or a pattern meaning the
/// newest matching release in version order.
public enum TagPin: Sendable, Hashable, CustomStringConvertible {
    /// Exactly this tag (a pre-release too, if named).
    case exact(String)
    /// The newest tag matching this shell pattern (`v*`, `v2.*`), by
    /// ``ReleaseVersion`` order; pre-releases and names that are not versions
    /// are skipped.
    case pattern(String)

    /// A pin from configuration text: a pattern when it holds `*`, `?` or `[`.
    public init(_ text: String) {
        self = text.contains(where: { "*?[".contains($0) }) ? .pattern(text) : .exact(text)
    }

    /// Why `text` can never name a Git tag (the rules of `git check-ref-format`, with the
    /// pattern characters `*`, `?`, `[` and `]` allowed), or `nil` when it can.
    public static func problem(in text: String) -> String? {
        if text.isEmpty { return "empty" }
        if text.hasPrefix("refs/") { return "name the tag alone, without refs/tags/" }
        if text.hasPrefix("-") { return "a tag name cannot start with '-'" }
        if text.hasPrefix(".") || text.hasSuffix(".") || text.hasSuffix("/") || text.hasPrefix("/") {
            return "a tag name cannot start or end with '.' or '/'"
        }
        if text.contains("..") || text.contains("@{") || text.contains("//") || text.hasSuffix(".lock") {
            return "not a valid tag name (no '..', '@{', '//' or trailing '.lock')"
        }
        for scalar in text.unicodeScalars {
            if scalar.value < 0x21 || scalar.value == 0x7F || "~^:\\".unicodeScalars.contains(scalar) {
                return "a tag name cannot contain spaces, control characters or any of ~ ^ : \\"
            }
        }
        return nil
    }

    public var description: String {
        switch self {
        case .exact(let name): return name
        case .pattern(let pattern): return pattern
        }
    }

    /// True when the pin allows the tag `name`.
    public func matches(_ name: String) -> Bool {
        switch self {
        case .exact(let exact):
            return name == exact
        case .pattern(let pattern):
            guard fnmatch(pattern, name, 0) == 0, let version = ReleaseVersion(tagName: name) else { return false }
            return !version.isPreRelease
        }
    }

    /// The tag the pin selects among `names`, or nil when none is allowed.
    public func select(from names: [String]) -> String? {
        switch self {
        case .exact(let exact):
            return names.contains(exact) ? exact : nil
        case .pattern:
            return names.filter(matches)
                .compactMap { name in ReleaseVersion(tagName: name).map { (name, $0) } }
                // Ties (v1.0 and v1.0.0) are broken by name so the choice is stable.
                .max { ($0.1, $0.0) < ($1.1, $1.0) }?.0
        }
    }
}
