/// GitHub Actions workflow commands, one ``GitHubAnnotation`` per diagnostic, which
/// annotate the line in the pull request's diff.
enum GitHubDiagnosticFormatter {
    static func render(_ report: LintReport) -> String {
        var out = ""
        for diagnostic in report.diagnostics {
            let annotation = GitHubAnnotation(
                level: diagnostic.severity == .error ? .error : .warning, file: diagnostic.file,
                line: diagnostic.line, column: diagnostic.column, title: diagnostic.rule.rawValue, message: diagnostic.message)
            out += annotation.command + "\n"
        }
        return out
    }
}
