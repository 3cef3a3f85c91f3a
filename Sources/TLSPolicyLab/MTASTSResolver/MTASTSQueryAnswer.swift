import Foundation

/// What postfix-mta-sts-resolver's `mta-sts-query DOMAIN` printed: its result tuple,
/// `(<STSFetchResult.VALID: 1>, ('ID', {'mx': [...], 'version': ..., 'mode': ..., 'max_age': N}))`
/// or `(<STSFetchResult.NONE: 0>, None)`, read into plain fields.
public struct MTASTSQueryAnswer: Sendable, Hashable, CustomStringConvertible {
    /// The resolver's `STSFetchResult`.
    public enum Status: String, Sendable, Hashable {
        /// A record and a policy it accepted.
        case valid = "VALID"
        /// No record it accepted: the domain has no policy in its eyes.
        case none = "NONE"
        /// A record, but the policy fetch or the policy failed (also a failed TXT lookup).
        case fetchError = "FETCH_ERROR"
        /// The id equals a known one (never here: no id is passed).
        case notChanged = "NOT_CHANGED"
    }

    /// The result kind.
    public let status: Status
    /// The record's `id` (for `VALID`).
    public let id: String?
    /// The policy's `mode` (for `VALID`).
    public let mode: String?
    /// The policy's `mx` values, as the resolver keeps them.
    public let mx: [String]
    /// The policy's `max_age` (for `VALID`).
    public let maxAge: Int?
    /// The line as printed.
    public let raw: String

    /// Reads one printed result; throws when the line is not of that form.
    public init(parsing output: String) throws {
        let text = output.trimmingCharacters(in: .whitespacesAndNewlines)
        func first(_ pattern: String) -> String? {
            guard let expression = try? NSRegularExpression(pattern: pattern),
                  let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                  match.numberOfRanges > 1, let range = Range(match.range(at: 1), in: text) else { return nil }
            return String(text[range])
        }
        guard let name = first(#"^\(<STSFetchResult\.([A-Z_]+): \d+>"#), let status = Status(rawValue: name) else {
            throw LabError.invalidArgument("not an mta-sts-query result: \(text)")
        }
        raw = text
        self.status = status
        id = first(#"^\(<[^>]*>, \('([^']*)', \{"#)
        mode = first(#"'mode': '([^']*)'"#)
        maxAge = first(#"'max_age': (-?[0-9]+)"#).flatMap { Int($0) }
        mx = first(#"'mx': \[([^\]]*)\]"#).map { list in
            list.components(separatedBy: ", ").filter { !$0.isEmpty }.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
        } ?? []
    }

    /// The line as printed.
    public var description: String { raw }
}
