/// The records of one type that a query for one name returned, and how far to trust them.
public struct DNSAnswer<Record: Sendable & Hashable>: Sendable, Hashable {
    /// How the server answered, when it answered at all (failures are thrown as ``DNSError``).
    public enum Outcome: Sendable, Hashable {
        /// At least one record of the type asked for.
        case records
        /// The name exists but has no record of this type (NOERROR with an empty answer).
        case noData
        /// The name does not exist (NXDOMAIN).
        case nonexistentDomain
    }

    /// The name that was asked for, without the trailing dot.
    public let queriedName: String
    /// The owner of the records after following the CNAME chain in the answer; equals
    /// ``queriedName`` when there was no CNAME.
    public let ownerName: String
    /// The type asked for.
    public let type: DNSRecordType
    /// The records, in the order the server gave them (MX: see ``DNSResolver/mx(_:)``).
    public let records: [Record]
    /// Records, no data, or no such name.
    public let outcome: Outcome
    /// The AD bit of the reply: the resolver says it validated the answer with DNSSEC. Only
    /// meaningful when the resolver is trusted (a local validating one), as Postfix assumes.
    public let isAuthenticated: Bool

    /// An answer with these fields.
    public init(queriedName: String, ownerName: String, type: DNSRecordType, records: [Record],
                outcome: Outcome, isAuthenticated: Bool) {
        self.queriedName = queriedName
        self.ownerName = ownerName
        self.type = type
        self.records = records
        self.outcome = outcome
        self.isAuthenticated = isAuthenticated
    }
}
