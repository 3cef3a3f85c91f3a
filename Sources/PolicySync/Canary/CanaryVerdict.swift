import PolicyProbe

/// What the probe from this host says about one candidate line.
enum CanaryVerdict: Sendable, Equatable {
    /// Every MX host that answered would take mail under the line.
    case passes
    /// Postfix would defer mail under the line: the probe's summary and the RFC 8460
    /// result type of its first failure (the metric's `reason` label).
    case wouldDefer(reason: String, resultType: String)
    /// Nothing known: no MX host answered, the key cannot be probed, or the canary's
    /// deadline passed first. Mail to such a destination does not go out whatever the
    /// line says, so the line is not held (a blind host must not hold every new entry).
    case unverified(reason: String)

    /// The verdict of one probe report.
    init(_ report: EntryProbeReport) {
        switch report.verdict {
        case .pass, .stronger:
            self = .passes
        case .fail:
            // Postfix's words for the first session that would defer, with its MX host.
            guard let first = report.failures.first else {
                self = .wouldDefer(reason: report.summary, resultType: "validation-failure")
                return
            }
            let more = report.failures.count > 1 ? " (and \(report.failures.count - 1) more)" : ""
            self = .wouldDefer(reason: "\(first.mxHost): \(first.reason)\(more)", resultType: first.resultType)
        case .unreachable, .unprobeable:
            self = .unverified(reason: report.summary)
        }
    }
}
