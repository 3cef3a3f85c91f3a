/// `path:line:col: error: message [rule]`, one finding per line, then a summary line.
enum TextDiagnosticFormatter {
    static func render(_ report: LintReport) -> String {
        var out = ""
        for diagnostic in report.diagnostics {
            out += "\(diagnostic.file):\(diagnostic.line):\(diagnostic.column): \(diagnostic.severity.rawValue): "
            out += "\(diagnostic.message) [\(diagnostic.rule.rawValue)]\n"
        }
        return out
    }

    /// The closing line printed on standard error.
    static func summary(_ report: LintReport) -> String {
        "\(report.files) file(s), \(report.entries) entries: \(report.errorCount) error(s), \(report.warningCount) warning(s)"
    }
}

extension LintReport {
    /// One human line: files, entries, errors, warnings.
    public var summaryLine: String { TextDiagnosticFormatter.summary(self) }
}
