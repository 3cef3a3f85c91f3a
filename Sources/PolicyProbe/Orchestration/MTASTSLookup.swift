import MTASTS

/// Finds a domain's MTA-STS evidence as RFC 8461 section 3 describes policy discovery:
/// the `_mta-sts` TXT record first (3.1), then, only when there is one valid record, the
/// policy over HTTPS (3.3) and its parse (3.2). Blocking: run it on the prober's pool.
struct MTASTSLookup: Sendable {
    let dns: DNSFacts
    let fetcher: MTASTSFetcher

    func evidence(for domain: String) -> MTASTSEvidence {
        let txtName = "_mta-sts.\(domain)"
        let records: [String]
        switch dns.mtaSTSRecords(of: domain) {
        case .records(let found):
            records = found
        case .failed(let reason):
            // A failed lookup says nothing about whether a record exists.
            return MTASTSEvidence(status: .lookupFailed, reason: "the \(txtName) TXT lookup failed: \(reason)")
        }
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
        do {
            let fetched = try fetcher.fetch(domain: domain)
            return MTASTSEvidence(status: .policy, id: record.id, mode: fetched.policy.mode.rawValue,
                                  mx: fetched.policy.mxPatterns.map(\.pattern), maxAge: fetched.policy.maxAge)
        } catch {
            return MTASTSEvidence(status: .error, reason: "\(error)", id: record.id)
        }
    }
}
