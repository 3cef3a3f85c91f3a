import PolicyProbe

/// `--format github`: workflow commands that annotate each entry's line (errors for
/// `fail`, warnings for `stronger` and `unreachable`).
enum ProbeGitHubRenderer {
    static func render(_ report: ProbeRunReport) -> String {
        var lines: [String] = []
        for entry in report.entries {
            let command: String
            switch entry.verdict {
            case .fail: command = "error"
            case .stronger, .unreachable: command = "warning"
            case .pass, .unprobeable: continue
            }
            var message = "\(entry.key): \(entry.summary)"
            for failure in entry.failures.dropFirst() {
                message += "\n\(failure.mxHost): \(failure.reason) [\(failure.resultType)]"
            }
            for disagreement in entry.mtaSTS?.disagreements ?? [] { message += "\nMTA-STS: \(disagreement)" }
            if let suggestion = entry.suggestion {
                message += "\nsuggested:\n" + (suggestion.annotations + [suggestion.line]).joined(separator: "\n")
            }
            lines.append("::\(command) file=\(property(entry.file)),line=\(entry.line),title=\(property("probe/\(entry.verdict.rawValue)"))::\(data(message))")
        }
        lines.append(ProbeSummary.line(report))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Escapes a message for a workflow command.
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a property value (also `:` and `,`).
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
