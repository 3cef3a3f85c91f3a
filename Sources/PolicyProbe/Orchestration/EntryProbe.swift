import TLSPolicy
import TLSProbe
import PolicyDNS

/// The probe of one entry: its MX hosts and sessions, the verdict over all of them (as
/// Postfix tries every MX, a fallback that would defer is a failure too), the MTA-STS
/// comparison, and the suggested line for `fail` and `stronger`.
struct EntryProbe: Sendable {
    let run: ProbeRun
    let target: ProbeTarget

    /// What one MX host gave, with what the DANE check needs.
    private struct HostOutcome: Sendable {
        var report: MXHostReport
        var failures: [EntryFailure]
        /// DNSSEC-validated TLSA records, the MX and address answers validated too; empty otherwise.
        var daneRecords: [TLSARecord]
    }

    func report() async -> EntryProbeReport {
        let entry = target.entry
        let key = entry.key
        var report = EntryProbeReport(
            key: key.text, file: target.file, line: target.line, entry: entry.tableLine, level: entry.level.rawValue,
            daneMarked: target.isDANEMarked, verdict: .unprobeable, summary: "", dnsProblem: nil, mxHosts: [],
            failures: [], suggestion: nil, daneCapable: false, mtaSTS: nil)
        switch key.form {
        case .parentDomain:
            report.summary = "a .parent key applies to every sub-domain and to none in particular: probe the sub-domains mail goes to"
            return report
        case .quoted:
            report.summary = "a quoted key is never looked up by the SMTP client"
            return report
        case .domain, .bracketed, .hostWithPort:
            if let problem = key.lookupProblem {
                report.summary = "the key cannot be looked up: \(problem)"
                return report
            }
        }
        let settings: EntrySettings
        do {
            settings = try EntrySettings(entry: entry)
        } catch {
            report.verdict = .fail
            report.failures = [EntryFailure(mxHost: key.domain, address: nil, reason: "\(error)",
                                            resultType: TLSRPTResultType.validationFailure.rawValue)]
            report.summary = "Postfix cannot start TLS with this entry: \(error)"
            return report
        }

        let nexthop = key.domain.lowercased()
        var port = run.configuration.port
        var viaMX = true
        var hosts: [DNSFacts.MailHost] = []
        var mxAuthenticated = false
        if let colon = key.text.lastIndex(of: ":"), key.form != .domain, let explicit = Int(key.text[key.text.index(after: colon)...]) {
            port = explicit
        }
        if key.form == .bracketed {
            viaMX = false
            hosts = [DNSFacts.MailHost(name: nexthop, preference: nil)]
        } else {
            switch await run.mailHosts(of: nexthop) {
            case .hosts(let found, let authenticated):
                hosts = found
                mxAuthenticated = authenticated
            case .problem(let problem):
                report.verdict = .unreachable
                report.dnsProblem = problem
                report.summary = problem
                return report
            }
        }

        async let policy = key.form == .domain ? run.mtaSTS(of: nexthop) : nil
        let (hostPort, hostsViaMX, hostsAuthenticated) = (port, viaMX, mxAuthenticated)
        let outcomes = await hosts.concurrentMap { host in
            await probeHost(host, port: hostPort, nexthop: nexthop, settings: settings,
                            viaMX: hostsViaMX, mxAuthenticated: hostsAuthenticated)
        }
        report.mxHosts = outcomes.map(\.report)
        report.failures = outcomes.flatMap(\.failures)
        if var evidence = await policy {
            evidence.disagreements = disagreements(evidence, hosts: hosts.map(\.name), settings: settings, nexthop: nexthop)
            report.mtaSTS = evidence
        }
        let sessions = report.mxHosts.flatMap(\.addresses)

        if !report.failures.isEmpty {
            report.verdict = .fail
            let first = report.failures[0]
            report.summary = "\(report.failures.count) MX session(s) would defer mail; \(first.mxHost): \(first.reason) [\(first.resultType)]"
            report.suggestion = await repair(settings: settings, outcomes: outcomes, nexthop: nexthop, port: port, mtaSTS: report.mtaSTS)
            noteTestingPolicy(&report)
            return report
        }
        guard sessions.contains(where: \.wouldDeliver) else {
            report.verdict = .unreachable
            let reason = sessions.first?.reason ?? outcomes.first?.report.addressError ?? "no address found"
            report.summary = "no MX host answered: \(reason)"
            return report
        }
        report.verdict = .pass
        report.summary = "every MX host that answered delivers at level \(entry.level.rawValue)"
        await strengthen(&report, settings: settings, outcomes: outcomes, nexthop: nexthop, port: port)
        noteTestingPolicy(&report)
        return report
    }

    // MARK: - One MX host

    private func probeHost(_ host: DNSFacts.MailHost, port: Int, nexthop: String, settings: EntrySettings,
                           viaMX: Bool, mxAuthenticated: Bool) async -> HostOutcome {
        let addresses = await run.addresses(of: host.name)
        let tlsa = await run.tlsa(host: host.name, port: port)
        let secureName = viaMX ? mxAuthenticated : addresses.authenticated
        var outcome = HostOutcome(
            report: MXHostReport(host: host.name, preference: host.preference, dnssecValidated: secureName,
                                 tlsa: tlsa.evidence, addressError: addresses.error, addresses: []),
            failures: [], daneRecords: [])
        if secureName && addresses.authenticated && tlsa.evidence.status == .validated {
            outcome.daneRecords = tlsa.records
        }

        // Postfix's dane_init: what DNSSEC (or its absence) makes of the dane levels.
        var level = settings.level
        var records: [TLSARecord] = []
        if level == .dane || level == .daneOnly {
            let daneOnly = level == .daneOnly
            let peer = "\(host.name):\(port)"
            if viaMX && !mxAuthenticated {
                if daneOnly {
                    outcome.failures.append(EntryFailure(mxHost: host.name, address: nil, reason: "non DNSSEC destination",
                                                         resultType: TLSRPTResultType.dnssecInvalid.rawValue))
                    return outcome
                }
                level = .may
            } else if tlsa.evidence.status == .lookupFailed {
                outcome.failures.append(EntryFailure(mxHost: host.name, address: nil, reason: "TLSA lookup error for \(peer)",
                                                     resultType: TLSRPTResultType.dnssecInvalid.rawValue))
                return outcome
            } else if outcome.daneRecords.isEmpty {
                if daneOnly {
                    outcome.failures.append(EntryFailure(mxHost: host.name, address: nil, reason: "no TLSA records found",
                                                         resultType: TLSRPTResultType.tlsaInvalid.rawValue))
                    return outcome
                }
                level = .may
            } else {
                records = outcome.daneRecords
            }
        }
        outcome.report.addresses = await sessions(host: host.name, addresses: addresses.addresses, port: port, nexthop: nexthop,
                                                  settings: settings, level: level, tlsa: records)
        outcome.failures += outcome.report.addresses.filter(\.isFailure).map {
            EntryFailure(mxHost: host.name, address: $0.address, reason: $0.reason,
                         resultType: $0.resultType ?? TLSRPTResultType.validationFailure.rawValue)
        }
        return outcome
    }

    /// One session per address (in DNS order), run concurrently.
    private func sessions(host: String, addresses: [String], port: Int, nexthop: String, settings: EntrySettings,
                          level: TLSSecurityLevel, tlsa: [TLSARecord]) async -> [AddressProbeReport] {
        await addresses.concurrentMap { address in
            await run.session(run.request(address: address, port: port, host: host, nexthop: nexthop, settings: settings,
                                          level: level, tlsa: tlsa))
        }
    }

    /// Probes every address that answered in `outcomes` with other settings; true when all deliver.
    private func confirm(_ settings: EntrySettings, level: TLSSecurityLevel, outcomes: [HostOutcome], nexthop: String,
                         port: Int, useDANE: Bool = false) async -> (passed: Bool, firstFailure: AddressProbeReport?) {
        var checked = 0
        for outcome in outcomes {
            let answered = outcome.report.addresses.filter(\.reachable).map(\.address)
            if answered.isEmpty { continue }
            let results = await sessions(host: outcome.report.host, addresses: answered, port: port, nexthop: nexthop,
                                         settings: settings, level: level, tlsa: useDANE ? outcome.daneRecords : [])
            checked += results.count
            if let failed = results.first(where: { !$0.wouldDeliver }) { return (false, failed) }
        }
        return (checked > 0, nil)
    }

    // MARK: - Suggestions

    /// For a failing entry: the strongest line that the servers would satisfy.
    private func repair(settings: EntrySettings, outcomes: [HostOutcome], nexthop: String, port: Int,
                        mtaSTS: MTASTSEvidence?) async -> SuggestedLine? {
        let answered = outcomes.flatMap(\.report.addresses).filter(\.reachable)
        // Without a TLS session on every answering address, no TLS level delivers.
        guard !answered.isEmpty, answered.allSatisfy({ $0.tlsVersion != nil }) else { return nil }
        if let patterns = suggestedPatterns(outcomes: outcomes, nexthop: nexthop, mtaSTS: mtaSTS) {
            let candidate = settings.with(level: .secure, matchPatterns: patterns)
            if await confirm(candidate, level: .secure, outcomes: outcomes, nexthop: nexthop, port: port).passed {
                return SuggestedLine(line: line(level: SecurityLevel.secure, patterns: patterns), annotations: [], verified: true,
                                     why: "every MX certificate verifies with match=\(patterns.joined(separator: ":"))")
            }
        }
        let encrypt = settings.with(level: .encrypt, matchPatterns: [])
        if await confirm(encrypt, level: .encrypt, outcomes: outcomes, nexthop: nexthop, port: port).passed {
            return SuggestedLine(line: line(level: SecurityLevel.encrypt, patterns: []), annotations: [], verified: true,
                                 why: "every MX host offers TLS, but not every certificate verifies")
        }
        return nil
    }

    /// For a passing entry: a stronger line that passes too (`secure match=…`, then `#@ dane`).
    private func strengthen(_ report: inout EntryProbeReport, settings: EntrySettings, outcomes: [HostOutcome],
                            nexthop: String, port: Int) async {
        var base = (line: target.entry.tableLine, settings: settings, stronger: false, why: "")
        if settings.level == .may || settings.level == .encrypt,
           let patterns = suggestedPatterns(outcomes: outcomes, nexthop: nexthop, mtaSTS: report.mtaSTS) {
            let candidate = settings.with(level: .secure, matchPatterns: patterns)
            if await confirm(candidate, level: .secure, outcomes: outcomes, nexthop: nexthop, port: port).passed {
                base = (line(level: SecurityLevel.secure, patterns: patterns), candidate, true,
                        "every MX certificate verifies with match=\(patterns.joined(separator: ":"))")
            }
        }
        let pkix = base.settings.level == .secure || base.settings.level == .verify
        let daneReady = !outcomes.isEmpty && outcomes.allSatisfy { !$0.daneRecords.isEmpty }
        var daneProblem: String?
        if pkix || target.isDANEMarked {
            if daneReady {
                let check = await confirm(base.settings, level: .daneOnly, outcomes: outcomes, nexthop: nexthop, port: port, useDANE: true)
                report.daneCapable = check.passed
                daneProblem = check.firstFailure.map { "\($0.reason)" }
            } else {
                daneProblem = "not every MX host has DNSSEC-validated TLSA records (and DNSSEC-validated MX and address records)"
            }
        }
        if target.isDANEMarked && !report.daneCapable {
            report.verdict = .fail
            let reason = "marked #@ dane, but dane-only would defer: \(daneProblem ?? "no dane-only session passed")"
            report.failures = [EntryFailure(mxHost: outcomes.first?.report.host ?? nexthop, address: nil, reason: reason,
                                            resultType: TLSRPTResultType.tlsaInvalid.rawValue)]
            report.summary = reason
            report.suggestion = SuggestedLine(line: target.entry.tableLine, annotations: [], verified: true,
                                              why: "the line itself delivers; drop the #@ dane mark")
            return
        }
        let addDANE = report.daneCapable && !target.isDANEMarked
        guard base.stronger || addDANE else { return }
        report.verdict = .stronger
        var why = [base.why].filter { !$0.isEmpty }
        if addDANE { why.append("every MX host has DNSSEC-validated TLSA records that match (dane-only passes)") }
        let suggestion = SuggestedLine(line: base.line, annotations: addDANE ? [EntryAnnotation.dane.commentLine] : [],
                                       verified: true, why: why.joined(separator: "; "))
        report.suggestion = suggestion
        report.summary = "passes, and a stronger line passes too: " + suggestion.why
    }

    private func suggestedPatterns(outcomes: [HostOutcome], nexthop: String, mtaSTS: MTASTSEvidence?) -> [String]? {
        let observations = outcomes.compactMap { outcome -> MatchSuggester.Observation? in
            let names = outcome.report.addresses.filter(\.reachable).flatMap(\.certificateNames)
            let answered = outcome.report.addresses.contains(where: \.reachable)
            return answered ? MatchSuggester.Observation(mxHost: outcome.report.host, names: Array(Set(names)).sorted()) : nil
        }
        // Only an enforced policy is the domain's word on its MX hosts; a testing one is
        // evidence, and a none one no policy at all (RFC 8461 5).
        let patterns = mtaSTS.flatMap { $0.isEnforced ? $0.mx : nil }
        return MatchSuggester.suggest(nexthop: nexthop, observations: observations, mtaSTSPatterns: patterns)
    }

    /// The entry's line at another level and match list, its other attributes kept.
    private func line(level: SecurityLevel, patterns: [String]) -> String {
        var parts = [target.entry.key.text, level.rawValue]
        if !patterns.isEmpty { parts.append("match=" + patterns.joined(separator: ":")) }
        parts += target.entry.attributes.filter { $0.name != .match }.map(\.tableText)
        return parts.joined(separator: " ")
    }

    // MARK: - MTA-STS

    /// Says in a suggestion's `why` that a `testing` policy was evidence only: its `mx`
    /// patterns did not shape the suggested `match=` (RFC 8461 5: testing is not enforcement).
    private func noteTestingPolicy(_ report: inout EntryProbeReport) {
        guard let evidence = report.mtaSTS, evidence.status == .policy, evidence.mode == "testing",
              report.suggestion != nil else { return }
        report.suggestion?.why += "; the domain's MTA-STS policy is in testing mode (evidence, not enforcement): its mx patterns were not used"
    }

    /// Where the entry's `match=` and the policy's `mx` patterns disagree about the MX hosts;
    /// only for `enforce` and `testing` policies: `none` means no active policy (RFC 8461 5).
    private func disagreements(_ evidence: MTASTSEvidence, hosts: [String], settings: EntrySettings, nexthop: String) -> [String] {
        guard evidence.isActivePolicy, let source = run.mtaSTSSource else { return [] }
        var found: [String] = []
        for host in hosts {
            let policyAllows = source.allows(evidence.mx, host: host)
            guard settings.level == .secure || settings.level == .verify else {
                if !policyAllows {
                    found.append("MX host \(host) is not allowed by the MTA-STS policy (mx: \(evidence.mx.joined(separator: ", ")))")
                }
                continue
            }
            let names = settings.expandedMatchNames(mxHost: host, nexthop: nexthop)
            let entryAllows = names.contains { NamePatterns.covers($0, host) }
            let written = settings.matchPatterns.joined(separator: ":")
            if policyAllows && !entryAllows {
                found.append("MX host \(host) is allowed by the MTA-STS policy but not by match=\(written)")
            } else if !policyAllows && entryAllows {
                found.append("MX host \(host) matches match=\(written) but the MTA-STS policy (mx: \(evidence.mx.joined(separator: ", "))) does not allow it")
            }
        }
        return found
    }
}
