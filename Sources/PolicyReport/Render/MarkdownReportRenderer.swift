import PolicyProbe

/// The merged report as GitHub-flavoured Markdown (an issue body, a step summary, a file):
/// the counts, failing entries with Postfix's reason per MX host and the suggested line,
/// stronger lines, per-provider status, unreachable entries, then every entry.
///
/// The output depends only on the report: sorted, and with no time but the runs' own.
public struct MarkdownReportRenderer: Sendable {
    /// The report's heading.
    public var title: String

    /// A renderer with the given heading.
    public init(title: String = "TLS policy report") {
        self.title = title
    }

    /// Renders `report`.
    public func render(_ report: MergedReport) -> String {
        var lines = ["# \(MarkdownText.plain(title))", ""]
        lines += sources(report)
        lines += summary(report)
        lines += failing(report.entries(.fail))
        lines += stronger(report.entries(.stronger))
        lines += providers(report.providers)
        lines += unreachable(report.entries(.unreachable))
        lines += all(report.entries)
        return lines.joined(separator: "\n") + "\n"
    }

    private func sources(_ report: MergedReport) -> [String] {
        let noun = report.sources.count == 1 ? "file" : "files"
        var lines = ["Merged from \(report.sources.count) probe results \(noun) (the newest result per entry is shown):", "",
                     "| file | run | entries | newest results used |", "|---|---|---:|---:|"]
        for source in report.sources {
            let cut = source.deadlineReached ? " (cut short by the deadline)" : ""
            lines.append("| \(MarkdownText.code(source.name, inTable: true))\(cut) | \(ReportTime.text(source.runTime)) | \(source.entries) | \(source.newest) |")
        }
        return lines + [""]
    }

    private func summary(_ report: MergedReport) -> [String] {
        let counts = report.counts
        let parts = VerdictStyle.order.map { "\(counts[$0, default: 0]) \($0.rawValue)" }
        var lines = ["**\(report.entries.count) entries**: " + parts.joined(separator: " · "), "",
                     "| verdict | entries |", "|---|---:|"]
        for verdict in VerdictStyle.order {
            lines.append("| \(VerdictStyle.icon(verdict)) \(verdict.rawValue) | \(counts[verdict, default: 0]) |")
        }
        return lines + [""]
    }

    private func heading(_ entry: ReportEntry) -> [String] {
        let result = entry.result
        return ["### \(VerdictStyle.icon(result.verdict)) \(MarkdownText.code(result.key)) (\(MarkdownText.plain(result.file)):\(result.line))", "",
                "Current line \(MarkdownText.code(result.entry)) · probed \(ReportTime.text(entry.probed)) · last verified \(ReportTime.verified(entry.lastVerified))", "",
                MarkdownText.plain(result.summary), ""]
    }

    private func suggestion(_ entry: ReportEntry) -> [String] {
        guard let suggestion = entry.result.suggestion else {
            return ["No TLS line would deliver to every MX host: remove the entry or ask the provider.", ""]
        }
        let checked = suggestion.verified ? "verified by a probe at exactly these settings" : "not verified by a probe"
        return ["Suggested line (\(checked)): \(MarkdownText.plain(suggestion.why))", ""]
            + MarkdownText.block(suggestion.annotations + [suggestion.line]) + [""]
    }

    private func failing(_ entries: [ReportEntry]) -> [String] {
        guard !entries.isEmpty else { return ["## Failing entries (0)", "", "No entry would make Postfix defer mail.", ""] }
        var lines = ["## Failing entries (\(entries.count))", ""]
        for entry in entries {
            lines += heading(entry)
            if let problem = entry.result.dnsProblem { lines += ["DNS: \(MarkdownText.plain(problem))", ""] }
            if !entry.result.failures.isEmpty {
                lines += ["| MX host | address | Postfix would log | RFC 8460 result type |", "|---|---|---|---|"]
                for failure in entry.result.failures {
                    lines.append("| \(MarkdownText.plain(failure.mxHost)) | \(failure.address.map { MarkdownText.plain($0) } ?? "(no connection)") | \(MarkdownText.plain(failure.reason)) | \(MarkdownText.code(failure.resultType, inTable: true)) |")
                }
                lines.append("")
            }
            let disagreements = entry.result.mtaSTS?.disagreements ?? []
            lines += disagreements.map { "- MTA-STS: \(MarkdownText.plain($0))" }
            if !disagreements.isEmpty { lines.append("") }
            lines += suggestion(entry)
        }
        return lines
    }

    private func stronger(_ entries: [ReportEntry]) -> [String] {
        guard !entries.isEmpty else { return [] }
        var lines = ["## Stronger lines possible (\(entries.count))", ""]
        for entry in entries {
            lines += heading(entry) + suggestion(entry)
        }
        return lines
    }

    private func providers(_ providers: [ProviderStatus]) -> [String] {
        let columns = VerdictStyle.order.map { "\(VerdictStyle.icon($0)) \($0.rawValue)" }
        var lines = ["## Providers (\(providers.count))", "",
                     "| provider | file | entries | " + columns.joined(separator: " | ") + " | all verified since |",
                     "|---|---|---:|" + String(repeating: "---:|", count: columns.count) + "---|"]
        for provider in providers {
            let counts = VerdictStyle.order.map { String(provider.count($0)) }
            lines.append("| \(MarkdownText.plain(provider.name)) | \(MarkdownText.code(provider.file, inTable: true)) | \(provider.entries) | " + counts.joined(separator: " | ") + " | \(ReportTime.verified(provider.verifiedSince)) |")
        }
        return lines + [""]
    }

    private func unreachable(_ entries: [ReportEntry]) -> [String] {
        guard !entries.isEmpty else { return [] }
        var lines = ["## Unreachable (\(entries.count))", "",
                     "| entry | location | why | last verified |", "|---|---|---|---|"]
        for entry in entries {
            let result = entry.result
            lines.append("| \(MarkdownText.code(result.entry, inTable: true)) | \(MarkdownText.plain(result.file)):\(result.line) | \(MarkdownText.plain(result.dnsProblem ?? result.summary)) | \(ReportTime.verified(entry.lastVerified)) |")
        }
        return lines + [""]
    }

    private func all(_ entries: [ReportEntry]) -> [String] {
        var lines = ["## All entries (\(entries.count))", "",
                     "| verdict | key | location | probed | last verified |", "|---|---|---|---|---|"]
        for entry in entries {
            let result = entry.result
            lines.append("| \(VerdictStyle.icon(result.verdict)) \(result.verdict.rawValue) | \(MarkdownText.code(result.key, inTable: true)) | \(MarkdownText.plain(result.file)):\(result.line) | \(ReportTime.text(entry.probed)) | \(ReportTime.verified(entry.lastVerified)) |")
        }
        return lines
    }
}
