import PolicyProbe
import PolicyReport

/// `--format markdown` (and the GitHub step summary): a table, then details per entry
/// that fails or could be stronger; for a blind run, only what makes it blind.
enum ProbeMarkdownRenderer {
    static func render(_ report: ProbeRunReport) -> String {
        if let blind = report.blindRunner {
            return ["## TLS policy probe", "", "**❌ probe: \(blind.message).**", "",
                    "Run the probe on a host that can connect out on port 25 (see CONTRIBUTING.md).", "",
                    ProbeSummary.line(report)].joined(separator: "\n") + "\n"
        }
        var lines = ["## TLS policy probe", "", ProbeSummary.line(report), "",
                     "| verdict | entry | location | details |", "|---|---|---|---|"]
        for entry in report.entries {
            lines.append("| \(VerdictStyle.icon(entry.verdict)) \(entry.verdict.rawValue) | `\(cell(entry.entry))` | \(cell(entry.file)):\(entry.line) | \(cell(entry.summary)) |")
        }
        let notable = report.entries.filter { $0.verdict == .fail || $0.verdict == .stronger }
        if !notable.isEmpty {
            lines += ["", "### Suggested changes", ""]
            for entry in notable {
                lines.append("- `\(entry.key)` (\(entry.verdict.rawValue), \(entry.file):\(entry.line))")
                for failure in entry.failures {
                    lines.append("  - \(failure.mxHost)\(failure.address.map { " [\($0)]" } ?? ""): \(failure.reason) (`\(failure.resultType)`)")
                }
                for disagreement in entry.mtaSTS?.disagreements ?? [] {
                    lines.append("  - MTA-STS: \(disagreement)")
                }
                if let suggestion = entry.suggestion {
                    lines.append("")
                    lines.append("  ```")
                    lines += suggestion.annotations.map { "  \($0)" }
                    lines.append("  \(suggestion.line)")
                    lines.append("  ```")
                } else if entry.verdict == .fail {
                    lines.append("  - no TLS line would deliver to every MX host: remove the entry or ask the provider")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }


    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
