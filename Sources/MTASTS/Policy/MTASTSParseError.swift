/// Why an MTA-STS TXT record or policy file is not valid (RFC 8461 sections 3.1 and 3.2).
public struct MTASTSParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was being parsed.
    public enum Source: String, Sendable, Hashable {
        /// The `_mta-sts` TXT record.
        case record = "MTA-STS TXT record"
        /// The policy file from `/.well-known/mta-sts.txt`.
        case policy = "MTA-STS policy"
    }

    /// Record or policy.
    public let source: Source
    /// The 1-based line of the policy file, when the problem is on one line.
    public let line: Int?
    /// What is wrong.
    public let reason: String

    /// An error for `source`, at `line` when known.
    public init(_ source: Source, line: Int? = nil, _ reason: String) {
        self.source = source
        self.line = line
        self.reason = reason
    }

    /// `MTA-STS policy:3: mode "enforcing" is not enforce, testing or none`.
    public var description: String {
        if let line { return "\(source.rawValue):\(line): \(reason)" }
        return "\(source.rawValue): \(reason)"
    }
}
