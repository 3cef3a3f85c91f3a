import Foundation
import Logging
import PolicyProbe
import TLSPolicy

/// The host canary's probe: every candidate line probed from this host, as this host's
/// Postfix would deliver under it (its CA file and directory, its Postfix version and
/// DNSSEC level, its hostname in EHLO, the system resolver Postfix uses), with the probe
/// library the validator uses, without MTA-STS (the canary judges the line the release
/// carries). Bounded: `canary_concurrency` blocking calls at once, and no new lookup or
/// session starts after `canary_timeout` (the work in flight ends within its own step
/// timeout); what was not probed by then has no verdict and is not held.
struct CanaryStep {
    var context: SyncContext

    func run(_ candidates: [CanaryCandidate], host: PostfixHostFacts) async throws(CanaryError) -> [String: CanaryVerdict] {
        guard !candidates.isEmpty else { return [:] }
        let settings = context.configuration
        let timeout = settings.canaryTimeout.interval
        var configuration = ProbeConfiguration(
            resolver: nil, port: 25, caFile: host.caFile, caPath: try trustDirectory(host), concurrency: settings.canaryConcurrency,
            deadline: timeout, dnsTimeoutSeconds: 3, dnsTries: 2, heloName: host.heloName, checkMTASTS: false)
        // Postfix believes the resolver's AD bit only with smtp_dns_support_level = dnssec.
        configuration.trustsDNSSEC = host.dnssec
        // A session step may take a quarter of the run, at most 10 s: several MX hosts fit.
        configuration.setStepTimeout(min(10, max(1, timeout / 4)))

        let parser = PolicyValueParser(version: host.version, host: PolicyValueParser.HostContext(dnssec: host.dnssec))
        let text = candidates.map { "\($0.key) \($0.value)\n" }.joined()
        let table = PolicyTable(file: "canary", bytes: Array(text.utf8), parser: parser)
        var verdicts: [String: CanaryVerdict] = [:]
        var targets: [ProbeTarget] = []
        for record in table.records {
            guard let entry = record.entry else {
                verdicts[record.key.folded] = .wouldDefer(reason: "Postfix \(host.version) rejects the line: "
                    + (record.parse.error.map { "\($0)" } ?? "invalid"), resultType: "validation-failure")
                continue
            }
            targets.append(ProbeTarget(entry: entry, file: "canary", line: record.lineNumber))
        }
        let prober: PolicyProber
        do {
            prober = try PolicyProber(configuration: configuration, mtaSTS: nil, logger: context.logger)
        } catch {
            throw .proberUnavailable(reason: "\(error)")
        }
        defer { prober.shutdown() }
        let report = await prober.probe(targets)
        for entry in report.entries {
            verdicts[entry.key.lowercased()] = CanaryVerdict(entry)
        }
        context.logger.info("canary probed", metadata: [
            "entries": "\(targets.count)", "sessions": "\(report.sessions)",
            "seconds": "\(Int(report.elapsed.rounded()))", "deadline_reached": "\(report.deadlineReached)",
        ])
        return verdicts
    }

    /// The CA directory to probe with: `smtp_tls_CApath`, or, when Postfix loads no CA at all
    /// (`smtp_tls_CAfile` and `smtp_tls_CApath` empty, `tls_append_default_CA = no`), an
    /// empty directory in the state directory, so that the probe trusts no CA either and a
    /// `secure` line fails here as it would in Postfix (the probe's own default is OpenSSL's
    /// CA store, which such a Postfix never reads).
    private func trustDirectory(_ host: PostfixHostFacts) throws(CanaryError) -> String? {
        guard host.caFile == nil, host.caPath == nil, !host.appendsDefaultCA else { return host.caPath }
        let directory = context.configuration.stateDirectory + "/canary-no-ca"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .proberUnavailable(reason: "cannot create \(directory): \(error.localizedDescription)")
        }
        return directory
    }
}
