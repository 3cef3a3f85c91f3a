import PolicyProbe

/// `--format table`: one block per entry, readable in a terminal; for a blind run, only
/// what makes it blind (every entry would read `unreachable`).
enum ProbeTableRenderer {
    static func render(_ report: ProbeRunReport) -> String {
        if let blind = report.blindRunner {
            return "probe: \(blind.message)\n\n" + ProbeSummary.line(report) + "\n"
        }
        var lines: [String] = []
        let width = max(5, report.entries.map(\.key.count).max() ?? 5)
        lines.append(pad("VERDICT", 12) + pad("KEY", width + 2) + "LOCATION / DETAILS")
        for entry in report.entries {
            lines.append(pad(entry.verdict.rawValue.uppercased(), 12) + pad(entry.key, width + 2) + "\(entry.file):\(entry.line)")
            lines.append(String(repeating: " ", count: 12) + "  " + entry.summary)
            for failure in entry.failures {
                lines.append(String(repeating: " ", count: 14) + "- \(failure.mxHost)\(failure.address.map { "[\($0)]" } ?? ""): \(failure.reason) [\(failure.resultType)]")
            }
            if let mtaSTS = entry.mtaSTS {
                lines.append(String(repeating: " ", count: 14) + mtaSTS.summary)
            }
            for disagreement in entry.mtaSTS?.disagreements ?? [] {
                lines.append(String(repeating: " ", count: 14) + "- MTA-STS: \(disagreement)")
            }
            if let suggestion = entry.suggestion {
                for annotation in suggestion.annotations {
                    lines.append(String(repeating: " ", count: 14) + "suggested: \(annotation)")
                }
                lines.append(String(repeating: " ", count: 14) + "suggested: \(suggestion.line)")
            }
        }
        lines.append("")
        lines.append(ProbeSummary.line(report))
        return lines.joined(separator: "\n") + "\n"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
