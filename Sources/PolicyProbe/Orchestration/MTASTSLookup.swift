/// Finds a domain's MTA-STS evidence as RFC 8461 section 3 describes policy discovery:
/// the `_mta-sts` TXT record first (3.1), then, only when there is one valid record, the
/// policy over HTTPS (3.3) and its parse (3.2). The TXT lookup is this library's DNS; the
/// record's selection and the HTTPS fetch are the ``MTASTSPolicySource``'s, so that a
/// program that never fetches policies (the agent's canary) does not link libcurl.
/// Blocking: run it on the prober's pool.
struct MTASTSLookup: Sendable {
    let dns: DNSFacts
    let source: any MTASTSPolicySource
    let configuration: ProbeConfiguration

    func evidence(for domain: String) -> MTASTSEvidence {
        switch dns.mtaSTSRecords(of: domain) {
        case .records(let found):
            return source.evidence(domain: domain, txtRecords: found, configuration: configuration)
        case .failed(let reason):
            // A failed lookup says nothing about whether a record exists.
            return MTASTSEvidence(status: .lookupFailed, reason: "the _mta-sts.\(domain) TXT lookup failed: \(reason)")
        }
    }
}
