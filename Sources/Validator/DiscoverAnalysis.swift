import TLSPolicy

/// Turns the log's counts and the table into the report's figures (no probing).
enum DiscoverAnalysis {
    /// Coverage over every destination, and the top `top` destinations.
    ///
    /// Every destination mail went to is looked up in the table (coverage needs each), but
    /// only the top ones become report entries: a large log names tens of thousands of
    /// domains, and sorting or describing all of them to print twenty cost more than reading.
    static func report(tally: DestinationTally, table: DiscoverTable, logs: [String], top: Int) -> DiscoverReport {
        var delivered = 0
        var enforced = 0
        let domains = tally.domains
        var ranking = TopDestinations(limit: top)
        for (domain, counts) in domains {
            if counts.sent > 0 {
                delivered += counts.sent
                if table.lookup.match(domain: domain)?.value.map(\.requiresTLS) ?? false { enforced += counts.sent }
            }
            ranking.offer(domain: domain, delivered: counts.sent)
        }
        let destinations = ranking.ranked.map { domain -> DiscoverReport.Destination in
            let counts = domains[domain] ?? DestinationCounts()
            let match = table.lookup.match(domain: domain)
            var tls: [String: Int] = [:]
            for (trust, count) in counts.sentByTrust.all where count > 0 { tls[DiscoverReport.tlsName(trust)] = count }
            return DiscoverReport.Destination(
                domain: domain, delivered: counts.sent, deferred: counts.deferred, failed: counts.failed,
                policyFailures: counts.policyFailures, tableKey: match?.key, level: match.map { $0.value?.rawValue ?? "invalid" },
                enforced: match?.value.map(\.requiresTLS) ?? false, tls: tls)
        }
        return DiscoverReport(
            logs: logs, table: table.name, lines: tally.lines, delivered: delivered, deliveredEnforced: enforced,
            deliveredOpportunistic: delivered - enforced, coverage: delivered == 0 ? 0 : Double(enforced) / Double(delivered),
            destinationCount: domains.count, destinations: destinations, probed: false,
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
