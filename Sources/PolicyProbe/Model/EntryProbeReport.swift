/// Everything the probe found out about one entry, and its verdict.
public struct EntryProbeReport: Sendable, Hashable, Codable {
    /// The key as written.
    public var key: String
    /// The file the entry is in.
    public var file: String
    /// The 1-based line where the entry starts.
    public var line: Int
    /// The entry as a table line.
    public var entry: String
    /// The entry's level.
    public var level: String
    /// True when the entry carries `#@ dane`.
    public var daneMarked: Bool
    /// pass, fail, stronger, unreachable or unprobeable.
    public var verdict: EntryVerdict
    /// One line saying why.
    public var summary: String
    /// What DNS said instead of MX hosts (null MX, no such domain, a lookup error).
    public var dnsProblem: String?
    /// The MX hosts, in the order Postfix tries them.
    public var mxHosts: [MXHostReport]
    /// For `fail`: each MX and address that would defer, as Postfix would log it.
    public var failures: [EntryFailure]
    /// For `fail` and `stronger`: the line to use instead.
    public var suggestion: SuggestedLine?
    /// True when every MX host has DNSSEC-validated, usable TLSA records that the servers
    /// match (a `dane-only` probe passed everywhere).
    public var daneCapable: Bool
    /// The domain's MTA-STS policy, when it publishes one.
    public var mtaSTS: MTASTSEvidence?
}
