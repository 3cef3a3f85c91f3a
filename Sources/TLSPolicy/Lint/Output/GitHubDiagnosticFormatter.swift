import Foundation

/// GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`),
/// which annotate the line in the pull request's diff.
enum GitHubDiagnosticFormatter {
    static func render(_ report: LintReport) -> String {
        var out = ""
        for diagnostic in report.diagnostics {
            let command = diagnostic.severity == .error ? "error" : "warning"
            out += "::\(command) file=\(property(diagnostic.file)),line=\(diagnostic.line),col=\(diagnostic.column),"
            out += "title=\(property(diagnostic.rule.rawValue))::\(data(diagnostic.message))\n"
        }
        return out
    }

    /// Escapes a message as the runner expects (`%`, CR and LF).
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a property value, where `:` and `,` are delimiters too.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
