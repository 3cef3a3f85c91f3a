import PolicyProbe
import TLSPolicy

/// `--format github`: workflow commands that annotate each entry's line (errors for
/// `fail`, warnings for `stronger` and `unreachable`).
enum ProbeGitHubRenderer {
    static func render(_ report: ProbeRunReport) -> String {
        var lines: [String] = []
        for entry in report.entries {
            let level: GitHubAnnotation.Level
            switch entry.verdict {
            case .fail: level = .error
            case .stronger, .unreachable: level = .warning
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
            lines.append(GitHubAnnotation(level: level, file: entry.file, line: entry.line,
                                          title: "probe/\(entry.verdict.rawValue)", message: message).command)
        }
        lines.append(ProbeSummary.line(report))
        return lines.joined(separator: "\n") + "\n"
    }
}
