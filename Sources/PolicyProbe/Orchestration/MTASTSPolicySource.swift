/// Where a probe gets a domain's MTA-STS policy once its `_mta-sts` TXT records are known:
/// the record's selection (RFC 8461 3.1) and the policy's fetch over HTTPS and parse (3.2,
/// 3.3), and the policy's `mx` pattern matching (4.1).
///
/// A protocol so that the probe's core links no HTTPS client: the validator passes
/// `HTTPSMTASTSPolicySource` (target PolicyProbeMTASTS, libcurl); the agent's host canary,
/// which judges the line a release carries and never MTA-STS, passes none.
public protocol MTASTSPolicySource: Sendable {
    /// The evidence for `domain` given the TXT records found at `_mta-sts.DOMAIN` (none:
    /// the domain publishes no record). Blocking; bounded by `configuration`'s MTA-STS timeout.
    func evidence(domain: String, txtRecords: [String], configuration: ProbeConfiguration) -> MTASTSEvidence

    /// True when one of a policy's `mx` patterns (as ``MTASTSEvidence/mx`` holds them) allows
    /// the MX host `host`; patterns that do not parse allow nothing.
    func allows(_ patterns: [String], host: String) -> Bool
}
