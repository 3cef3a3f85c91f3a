/// What DNS said about an MX host's TLSA records (`_PORT._tcp.HOST`).
public struct TLSAEvidence: Sendable, Hashable, Codable {
    /// How far the records can be trusted.
    public enum Status: String, Sendable, Hashable, Codable {
        /// DNSSEC-validated records (the AD bit; the address records validated too).
        case validated
        /// Records without DNSSEC validation: Postfix ignores them.
        case insecure
        /// No records.
        case none
        /// The lookup failed (SERVFAIL from a validating resolver: bogus).
        case lookupFailed = "lookup-failed"
    }

    /// Validated, insecure, none or failed.
    public var status: Status
    /// The records, `usage selector type hex`.
    public var records: [String]
    /// Why the lookup failed.
    public var error: String?

    /// Evidence.
    public init(status: Status, records: [String] = [], error: String? = nil) {
        self.status = status
        self.records = records
        self.error = error
    }
}
