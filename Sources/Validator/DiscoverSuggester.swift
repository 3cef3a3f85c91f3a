import Logging
import PolicyProbe
import PolicyProbeMTASTS
import TLSPolicy

/// Probes the candidate destinations live and turns the verdicts into dataset lines.
///
/// Each candidate is probed as the entry `DOMAIN encrypt`, with the probe library `probe`
/// uses: `stronger` means a `secure match=…` line passes on every MX host (the probe found
/// the names), `pass` means every MX host offers TLS but not every certificate verifies
/// (suggest `encrypt`); anything else suggests nothing.
///
/// A `secure` line is suggested only where every MX host verifies as Postfix means it: its
/// certificate names the destination (`match=nexthop:dot-nexthop`) or the MX host itself. A
/// trusted certificate for an unrelated name would pass only with a pin to that name, which
/// says nothing about who the destination chose to receive its mail: `encrypt` then.
struct DiscoverSuggester {
    var configuration: ProbeConfiguration

    func suggest(_ domains: [String]) async throws -> (suggestions: [DiscoverReport.Suggestion], rejected: [DiscoverReport.Rejected]) {
        var targets: [ProbeTarget] = []
        var rejected: [DiscoverReport.Rejected] = []
        for domain in domains {
            let key = PolicyKey(text: domain)
            if let problem = DatasetRules.keyProblem(key) ?? key.lookupProblem {
                rejected.append(DiscoverReport.Rejected(domain: domain, verdict: "unprobeable", why: problem))
                continue
            }
            targets.append(ProbeTarget(entry: PolicyEntry(key: key, level: .encrypt), file: "mail log", line: 0))
        }
        guard !targets.isEmpty else { return ([], rejected) }
        var logger = Logger(label: "tls-policy-validator.discover")
        logger.logLevel = .warning
        let prober = try PolicyProber(configuration: configuration, mtaSTS: HTTPSMTASTSPolicySource(), logger: logger)
        defer { prober.shutdown() }
        let report = await prober.probe(targets)
        var suggestions: [DiscoverReport.Suggestion] = []
        for entry in report.entries {
            switch entry.verdict {
            case .stronger where !Self.verifiesAsPostfixMeans(entry):
                suggestions.append(DiscoverReport.Suggestion(
                    domain: entry.key, line: entry.entry, annotations: [], verdict: EntryVerdict.pass.rawValue,
                    why: "every MX host offers TLS; certificates are trusted but do not name the destination or its MX hosts"))
            case .stronger:
                if let suggestion = entry.suggestion {
                    suggestions.append(DiscoverReport.Suggestion(
                        domain: entry.key, line: suggestion.line, annotations: suggestion.annotations,
                        verdict: entry.verdict.rawValue, why: suggestion.why))
                } else {
                    rejected.append(DiscoverReport.Rejected(domain: entry.key, verdict: entry.verdict.rawValue, why: entry.summary))
                }
            case .pass:
                suggestions.append(DiscoverReport.Suggestion(
                    domain: entry.key, line: entry.entry, annotations: [], verdict: entry.verdict.rawValue,
                    why: "every MX host offers TLS, but not every certificate verifies"))
            case .fail, .unreachable, .unprobeable:
                rejected.append(DiscoverReport.Rejected(domain: entry.key, verdict: entry.verdict.rawValue, why: entry.summary))
            }
        }
        return (suggestions.sorted { $0.domain < $1.domain }, rejected.sorted { $0.domain < $1.domain })
    }

    /// True when the probe's `secure` suggestion rests on names Postfix would call verified.
    private static func verifiesAsPostfixMeans(_ entry: EntryProbeReport) -> Bool {
        guard let line = entry.suggestion?.line else { return false }
        if line.hasSuffix(" match=nexthop:dot-nexthop") { return true }
        return !entry.mxHosts.isEmpty && entry.mxHosts.allSatisfy { host in
            host.certificatesNameHost || host.addresses.allSatisfy { !$0.reachable }
        }
    }
}
