/// An `mx` pattern of an MTA-STS policy: a host name, or `*.` and a domain, where the `*`
/// stands for exactly one leftmost label (RFC 8461 sections 3.2 and 4.1).
public struct MXPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written, lower-cased, without a trailing dot.
    public let pattern: String

    /// Parses a pattern; throws for anything but a host name or `*.` + host name.
    public init(parsing text: String, line: Int? = nil) throws {
        var value = text.lowercased()
        if value.hasSuffix(".") { value.removeLast() }
        let host = value.hasPrefix("*.") ? String(value.dropFirst(2)) : value
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard !host.isEmpty, host.utf8.count <= 253, labels.allSatisfy({ label in
            !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        }) else {
            throw MTASTSParseError(.policy, line: line, "mx pattern \"\(text)\" is not a host name or \"*.\" followed by one")
        }
        pattern = value
    }

    /// True for a `*.` pattern.
    public var isWildcard: Bool { pattern.hasPrefix("*.") }

    /// Whether `host` (an MX host name) matches: equal ignoring case and a trailing dot, or,
    /// for `*.domain`, `label.domain` with exactly one label in place of the `*`.
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
