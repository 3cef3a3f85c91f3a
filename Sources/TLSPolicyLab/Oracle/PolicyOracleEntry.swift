/// One entry of the table given to the oracle, with Postfix's verdict on it.
public struct PolicyOracleEntry: Sendable {
    /// First physical line of the entry (1-based): where it starts.
    public let line: Int
    /// Last physical line that carries text of the entry.
    public let endLine: Int
    /// The key as written (nil for an orphan continuation).
    public let key: String?
    /// The value as postmap would store it (nil for an orphan continuation).
    public let value: String?
    /// The recipient the oracle sent to so that the SMTP client looks this entry up (nil when none).
    public let recipient: String?
    /// The next-hop the SMTP client used for the lookup (recipient domain or transport next-hop).
    public let lookupKey: String?
    /// Real Postfix's verdict.
    public let verdict: PolicyVerdict
    /// postmap warnings for this entry that did not drop it (e.g. "key: value" format).
    public let notes: [String]

    /// An entry with every field given (the oracle makes them).
    public init(line: Int, endLine: Int, key: String?, value: String?, recipient: String?, lookupKey: String?,
                verdict: PolicyVerdict, notes: [String]) {
        self.line = line
        self.endLine = endLine
        self.key = key
        self.value = value
        self.recipient = recipient
        self.lookupKey = lookupKey
        self.verdict = verdict
        self.notes = notes
    }

    /// True when physical line `line` belongs to this entry.
    public func contains(line other: Int) -> Bool { (line...endLine).contains(other) }
}
