/// How lint prints its findings.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// `path:line:col: severity: message [rule]`, the format compilers use.
    case text
    /// One JSON document, schema in `docs/lint-json.md` (version 1).
    case json
    /// GitHub Actions workflow commands that annotate the line in a pull request.
    case github

    /// Renders a whole report.
    public func render(_ report: LintReport) -> String {
        switch self {
        case .text: TextDiagnosticFormatter.render(report)
        case .json: JSONDiagnosticFormatter.render(report)
        case .github: GitHubDiagnosticFormatter.render(report)
        }
    }
}
