import MTASTS
import PolicyProbe

/// The MTA-STS policy source the validator's probe uses: the TXT record selected and
/// parsed, the policy fetched over HTTPS with libcurl (the probe's CA file or directory,
/// its `CONNECT_TO` entries and timeouts) and parsed.
public struct HTTPSMTASTSPolicySource: MTASTSPolicySource {
    public init() {}

    public func evidence(domain: String, txtRecords records: [String], configuration: ProbeConfiguration) -> MTASTSEvidence {
        let txtName = "_mta-sts.\(domain)"
        let record: MTASTSRecord
        do {
            guard let selected = try MTASTSRecord.select(from: records) else {
                let reason = records.isEmpty
                    ? "no TXT record at \(txtName)"
                    : "none of the \(records.count) TXT records at \(txtName) begins with \"v=STSv1;\""
                return MTASTSEvidence(status: .noRecord, reason: reason)
            }
            record = selected
        } catch {
            let shown = records.map { "\"\($0)\"" }.joined(separator: ", ")
            return MTASTSEvidence(status: .error, reason: "\(error) (\(txtName): \(shown))")
        }
        let fetcher = MTASTSFetcher(configuration: MTASTSFetcher.Configuration(
            caFile: configuration.caFile, caPath: configuration.caPath, connectTo: configuration.mtaSTSConnectTo,
            connectTimeout: min(10, configuration.timeouts.connect), totalTimeout: configuration.mtaSTSTimeout))
        do {
            let fetched = try fetcher.fetch(domain: domain)
            return MTASTSEvidence(status: .policy, id: record.id, mode: fetched.policy.mode.rawValue,
                                  mx: fetched.policy.mxPatterns.map(\.pattern), maxAge: fetched.policy.maxAge)
        } catch {
            return MTASTSEvidence(status: .error, reason: "\(error)", id: record.id)
        }
    }

    public func allows(_ patterns: [String], host: String) -> Bool {
        patterns.compactMap { try? MXPattern(parsing: $0) }.contains { $0.matches(host) }
    }
}
