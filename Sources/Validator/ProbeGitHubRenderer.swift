import PolicyProbe
import TLSPolicy

/// `--format github`: workflow commands that annotate each entry's line (errors for
/// `fail`, warnings for `stronger` and `unreachable`). A blind run gets one error about the
/// run instead: its per-entry verdicts would only say every entry is unreachable.
enum ProbeGitHubRenderer {
    /// - Parameter prefix: taken off the front of each entry's file name, so that `REV:policy/x.policy`
    ///   (an entry read from a revision's tree) is annotated at `policy/x.policy`, its repository path.
    static func render(_ report: ProbeRunReport, stripping prefix: String = "") -> String {
        if let blind = report.blindRunner {
            return GitHubAnnotation(level: .error, title: "probe/blind-runner", message: "probe: \(blind.message)").command
                + "\n" + ProbeSummary.line(report) + "\n"
        }
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
            let file = !prefix.isEmpty && entry.file.hasPrefix(prefix) ? String(entry.file.dropFirst(prefix.count)) : entry.file
            lines.append(GitHubAnnotation(level: level, file: file, line: entry.line,
                                          title: "probe/\(entry.verdict.rawValue)", message: message).command)
        }
        lines.append(ProbeSummary.line(report))
        return lines.joined(separator: "\n") + "\n"
    }
}
