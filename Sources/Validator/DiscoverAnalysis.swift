import TLSPolicy

/// Turns the log's counts and the table into the report's figures (no probing).
enum DiscoverAnalysis {
    /// Coverage over every destination, and the top `top` destinations.
    static func report(tally: DestinationTally, table: DiscoverTable, logs: [String], top: Int) -> DiscoverReport {
        var delivered = 0
        var enforced = 0
        var destinations: [DiscoverReport.Destination] = []
        for (domain, counts) in tally.domains {
            let match = table.lookup.match(domain: domain)
            let level = match.map { $0.value?.rawValue ?? "invalid" }
            let isEnforced = match?.value.map(\.requiresTLS) ?? false
            delivered += counts.sent
            if isEnforced { enforced += counts.sent }
            var tls: [String: Int] = [:]
            for (trust, count) in counts.sentByTrust.all where count > 0 { tls[DiscoverReport.tlsName(trust)] = count }
            destinations.append(DiscoverReport.Destination(
                domain: domain, delivered: counts.sent, deferred: counts.deferred, failed: counts.failed,
                policyFailures: counts.policyFailures, tableKey: match?.key, level: level, enforced: isEnforced, tls: tls))
        }
        destinations.sort { ($0.delivered, $1.domain) > ($1.delivered, $0.domain) }
        return DiscoverReport(
            logs: logs, table: table.name, lines: tally.lines, delivered: delivered, deliveredEnforced: enforced,
            deliveredOpportunistic: delivered - enforced, coverage: delivered == 0 ? 0 : Double(enforced) / Double(delivered),
            destinationCount: destinations.count, destinations: Array(destinations.prefix(top)), probed: false,
            suggestions: [], rejected: [], files: [])
    }

    /// The top destinations worth an entry: no entry applies, and mail to them went over TLS.
    static func candidates(_ report: DiscoverReport) -> [String] {
        report.destinations.filter { destination in
            destination.tableKey == nil && destination.delivered > 0
                && destination.tls.contains { $0.key != "none" && $0.value > 0 }
        }.map(\.domain)
    }
}
