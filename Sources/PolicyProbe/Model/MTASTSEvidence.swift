/// What the domain says about itself through MTA-STS (RFC 8461): whether it publishes a
/// policy (and if not, why not), the policy's fields, and where the entry disagrees with it.
public struct MTASTSEvidence: Sendable, Hashable, Codable {
    /// Whether a policy was found.
    public enum Status: String, Sendable, Hashable, Codable {
        /// A valid TXT record and a valid policy fetched over HTTPS: see ``mode``.
        case policy
        /// No MTA-STS TXT record: the domain publishes no policy.
        case noRecord = "no-record"
        /// The `_mta-sts` TXT lookup failed (SERVFAIL, REFUSED, a timeout): whether the domain
        /// publishes a policy could not be determined. Never to be read as "no policy".
        case lookupFailed = "lookup-failed"
        /// A TXT record is published, but there is no usable policy (no single valid record,
        /// the HTTPS fetch failed, or the policy file is invalid); ``reason`` says which.
        case error
    }

    /// Found, not published, not determined, or unusable.
    public var status: Status
    /// For every status but `policy`: why there is no policy, in words.
    public var reason: String?
    /// The TXT record's `id`, when the record is valid.
    public var id: String?
    /// `enforce`, `testing` or `none` (a `none` policy is no active policy, RFC 8461 5).
    public var mode: String?
    /// The policy's `mx` patterns, in file order.
    public var mx: [String]
    /// The policy's `max_age` in seconds.
    public var maxAge: Int?
    /// For `enforce` and `testing` policies only: each MX host on which the entry and the
    /// policy's `mx` patterns disagree (RFC 8461 4.1 matching).
    public var disagreements: [String]

    /// Evidence with these fields.
    public init(status: Status, reason: String? = nil, id: String? = nil, mode: String? = nil, mx: [String] = [],
                maxAge: Int? = nil, disagreements: [String] = []) {
        self.status = status
        self.reason = reason
        self.id = id
        self.mode = mode
        self.mx = mx
        self.maxAge = maxAge
        self.disagreements = disagreements
    }

    /// True for a policy in `enforce` or `testing` mode: one whose `mx` patterns say
    /// something about the MX hosts (RFC 8461 5: `none` means no active policy).
    public var isActivePolicy: Bool { status == .policy && (mode == "enforce" || mode == "testing") }

    /// True for a policy in `enforce` mode, the only one whose `mx` patterns feed suggestions.
    public var isEnforced: Bool { status == .policy && mode == "enforce" }

    /// One line for text output: found or not and why, then the policy's fields.
    public var summary: String {
        switch status {
        case .policy:
            var text = "MTA-STS policy id=\(id ?? "?") mode=\(mode ?? "?") max_age=\(maxAge.map(String.init) ?? "?")"
            if !mx.isEmpty { text += " mx=\(mx.joined(separator: ","))" }
            switch mode {
            case "testing": text += " (testing: evidence, not enforcement; its mx patterns are not used for suggestions)"
            case "none": text += " (mode none: no active policy, RFC 8461 5)"
            default: break
            }
            return text
        case .noRecord:
            return "MTA-STS: no policy: \(reason ?? "no MTA-STS TXT record")"
        case .lookupFailed:
            return "MTA-STS: could not be determined: \(reason ?? "the _mta-sts TXT lookup failed")"
        case .error:
            return "MTA-STS: no usable policy: \(reason ?? "unknown reason")"
        }
    }
}
