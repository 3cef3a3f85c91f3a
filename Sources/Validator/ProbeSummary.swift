import PolicyProbe

/// The one-line totals every format ends with.
enum ProbeSummary {
    static func line(_ report: ProbeRunReport) -> String {
        let counts = report.counts
        let parts = EntryVerdict.allCases.map { "\(counts[$0, default: 0]) \($0.rawValue)" }
        var text = "\(report.entries.count) entries: " + parts.joined(separator: ", ")
            + "; \(report.sessions) SMTP sessions in \(String(format1: report.elapsed)) s"
        if report.deadlineReached { text += " (deadline reached: unprobed addresses count as unreachable)" }
        return text
    }
}

extension String {
    /// One decimal place, without Foundation's format strings.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(abs(tenths % 10))"
    }
}
