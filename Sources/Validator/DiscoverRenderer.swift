import Foundation
import PolicyReport

/// `discover --format text|json|markdown`.
enum DiscoverRenderer {
    static func render(_ report: DiscoverReport, format: DiscoverOutputFormat) throws -> String {
        switch format {
        case .text: text(report)
        case .json: try json(report)
        case .markdown: markdown(report)
        }
    }

    static func coverageLine(_ report: DiscoverReport) -> String {
        let percent = String(format: "%.1f", report.coverage * 100)
        return "Coverage: \(report.deliveredEnforced) of \(report.delivered) delivered messages (\(percent)%) went under an "
            + "enforced entry, \(report.deliveredOpportunistic) opportunistically."
    }

    private static func entryText(_ destination: DiscoverReport.Destination) -> String {
        guard let key = destination.tableKey else { return "-" }
        return "\(key) \(destination.level ?? "")"
    }

    private static func text(_ report: DiscoverReport) -> String {
        var lines = ["Mail logs: \(report.logs.joined(separator: ", ")) (\(report.lines) lines)",
                     "Table: \(report.table)", coverageLine(report), "",
                     "Top \(report.destinations.count) of \(report.destinationCount) destinations by messages delivered:"]
        let rows = [["DOMAIN", "DELIVERED", "DEFERRED", "ENTRY", "TLS SEEN"]] + report.destinations.map {
            [$0.domain, "\($0.delivered)", "\($0.deferred)" + ($0.policyFailures > 0 ? " (\($0.policyFailures) policy)" : ""),
             entryText($0), DiscoverReport.tlsSummary($0.tls)]
        }
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            lines.append(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
        lines.append("")
        if !report.probed {
            lines.append("Not probed (--no-probe): no entries suggested.")
        } else if report.suggestions.isEmpty && report.rejected.isEmpty {
            lines.append("No destination without an entry got TLS: nothing to suggest.")
        } else {
            lines.append("Suggested entries (probed live):")
            for suggestion in report.suggestions {
                lines += suggestion.annotations.map { "  \($0)" }
                lines.append("  \(suggestion.line)    # \(suggestion.why)")
            }
            for rejected in report.rejected {
                lines.append("  no line for \(rejected.domain): \(rejected.verdict): \(rejected.why)")
            }
        }
        for file in report.files { lines.append("Wrote \(file)") }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func json(_ report: DiscoverReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }

    private static func markdown(_ report: DiscoverReport) -> String {
        var lines = ["## Mail log discovery", "", MarkdownText.plain(coverageLine(report)), "",
                     "| destination | delivered | deferred | entry | TLS seen |", "|---|---:|---:|---|---|"]
        for destination in report.destinations {
            let entry = destination.tableKey == nil ? "none" : MarkdownText.code(entryText(destination), inTable: true)
            lines.append("| \(MarkdownText.code(destination.domain, inTable: true)) | \(destination.delivered) | "
                + "\(destination.deferred) | \(entry) | \(MarkdownText.plain(DiscoverReport.tlsSummary(destination.tls))) |")
        }
        if !report.suggestions.isEmpty {
            lines += ["", "### Suggested entries", ""]
            lines += MarkdownText.block(report.suggestions.flatMap { $0.annotations + [$0.line] })
            lines.append("")
            for suggestion in report.suggestions {
                lines.append("- \(MarkdownText.code(suggestion.domain)): \(MarkdownText.plain(suggestion.why))")
            }
        }
        for rejected in report.rejected {
            lines.append("- no line for \(MarkdownText.code(rejected.domain)): \(MarkdownText.plain(rejected.verdict + ": " + rejected.why))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

