import PolicyDNS
/// What DANE (or the fingerprint level's synthetic DANE) made of the session.
public struct DANEStatus: Sendable, Hashable, Codable {
    /// Records OpenSSL accepted (`SSL_dane_tlsa_add` > 0).
    public let usableRecords: Int
    /// Records skipped: usages 0/1, or ones OpenSSL could not use.
    public let unusableRecords: Int
    /// The record that matched, nil when none did.
    public let matchedRecord: TLSARecord?
    /// Depth in the peer's chain of the matched certificate (0 the leaf), nil when none matched.
    public let matchedDepth: Int?

    /// A status.
    public init(usableRecords: Int, unusableRecords: Int, matchedRecord: TLSARecord?, matchedDepth: Int?) {
        self.usableRecords = usableRecords
        self.unusableRecords = unusableRecords
        self.matchedRecord = matchedRecord
        self.matchedDepth = matchedDepth
    }

    /// The usage of the matched record (2 DANE-TA, 3 DANE-EE), nil when none matched.
    public var matchedUsage: UInt8? { matchedRecord?.usage }
}
