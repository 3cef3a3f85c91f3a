/// An `mx` pattern of an MTA-STS policy: a host name, or `*.` and a domain, where the `*`
/// stands for exactly one leftmost label (RFC 8461 sections 3.2 and 4.1).
public struct MXPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written, lower-cased (DNS names compare without regard to case).
    public let pattern: String

    /// Parses `sts-policy-mx-value = ["*."] Domain`, where Domain is RFC 5321's
    /// `sub-domain *("." sub-domain)`: labels of letters, digits and inner hyphens, no
    /// underscore, no empty label and so no trailing dot; a `*` only as `*.` in front.
    public init(parsing text: String, line: Int? = nil) throws(MTASTSParseError) {
        let value = text.lowercased()
        let host = value.hasPrefix("*.") ? String(value.dropFirst(2)) : value
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard !host.isEmpty, host.utf8.count <= 253, labels.allSatisfy({ label in
            let scalars = label.unicodeScalars
            guard let first = scalars.first, let last = scalars.last, scalars.count <= 63 else { return false }
            return first.isASCIIAlphanumeric && last.isASCIIAlphanumeric
                && scalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == "-" }
        }) else {
            throw MTASTSParseError(.policy, line: line, "mx pattern \"\(text)\" is not a host name or \"*.\" followed by one (RFC 5321 Domain: no '_', no trailing dot, '*' only as the whole leftmost label)")
        }
        pattern = value
    }

    /// True for a `*.` pattern.
    public var isWildcard: Bool { pattern.hasPrefix("*.") }

    /// Whether `host` (an MX host name) matches: equal ignoring case and a trailing dot, or,
    /// for `*.domain`, `label.domain` with exactly one label in place of the `*` (RFC 8461
    /// 4.1: `*.example.com` matches `mx1.example.com` but neither `example.com` nor
    /// `a.b.example.com`).
    public func matches(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        guard isWildcard else { return name == pattern }
        let suffix = pattern.dropFirst(1) // ".domain"
        guard name.hasSuffix(suffix) else { return false }
        let label = name.dropLast(suffix.count)
        return !label.isEmpty && !label.contains(".")
    }

    /// The pattern as written in a policy.
    public var description: String { pattern }
}
