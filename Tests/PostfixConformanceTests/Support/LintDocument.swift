/// The JSON that `tls-policy-validator lint --format json` prints (schema version 1,
/// docs/lint-json.md). Only the fields the conformance test compares are decoded.
struct LintDocument: Decodable {
    let version: Int
    let diagnostics: [LintDiagnostic]
}

/// One finding of `lint`.
struct LintDiagnostic: Decodable, CustomStringConvertible {
    let file: String
    /// 1-based physical line of the problem.
    let line: Int
    let column: Int
    /// `error` or `warning`.
    let severity: String
    let rule: String
    let message: String
    /// The entry's key, when the finding belongs to an entry.
    let key: String?

    var isError: Bool { severity == "error" }
    var isWarning: Bool { severity == "warning" }

    var description: String { "\(line):\(column) \(severity) \(rule): \(message)" }
}
