/// A Postfix TLS policy table file as the target Postfix reads it: every entry
/// postmap stores, each with the SMTP client's verdict, plus the lines postmap drops.
public struct PolicyTable: Sendable {
    /// One stored entry.
    public struct Record: Sendable {
        public var key: PolicyKey
        /// The logical line, for positions.
        public var line: LogicalLine
        /// Offset of the value within the logical line.
        public var valueOffset: Int
        /// The SMTP client's reading of the value.
        public var parse: PolicyValueParser.Result

        /// The entry, when the target Postfix accepts it.
        public var entry: PolicyEntry? {
            guard parse.error == nil, let level = parse.level else { return nil }
            return PolicyEntry(key: key, level: level, attributes: parse.attributes.map(\.attribute))
        }

        /// 1-based physical line where the entry starts.
        public var lineNumber: Int { line.first.line }
    }

    /// A line postmap does not store.
    public struct DroppedLine: Sendable {
        public var line: Int
        public var column: Int
        public var rule: RuleID
        public var message: String
        public var key: String?
    }

    public var file: String
    public var records: [Record] = []
    public var dropped: [DroppedLine] = []

    /// Reads `bytes` as one table. Duplicate keys (compared as postmap folds them) are
    /// reported as dropped, the first one kept, as postmap keeps it.
    public init(file: String, bytes: [UInt8], parser: PolicyValueParser) {
        self.file = file
        var seen = Set<String>()
        // One key per line at most: reserving up front avoids rehashing a million keys.
        seen.reserveCapacity(bytes.lazy.filter { $0 == 0x0A }.count + 1)
        var records: [Record] = []
        var dropped: [DroppedLine] = []
        TableReader(bytes: bytes).read(
            entry: { line in
                switch TableRecord.split(line, utf8Checks: true) {
                case .dropped(let rule, let message):
                    dropped.append(DroppedLine(line: line.first.line, column: 1, rule: rule, message: message))
                case .stored(let keyRange, let valueRange):
                    let text = line.text
                    let base = text.startIndex
                    let key = PolicyKey(text: ASCII.string(text[(base + keyRange.lowerBound)..<(base + keyRange.upperBound)]))
                    if !seen.insert(key.folded).inserted {
                        dropped.append(DroppedLine(
                            line: line.first.line, column: 1, rule: .tableDuplicateKey,
                            message: "duplicate entry \"\(key.folded)\": postmap keeps the first one and ignores this one",
                            key: key.text))
                        return
                    }
                    let value = text[(base + valueRange.lowerBound)..<(base + valueRange.upperBound)]
                    let parse = parser.parse(value, base: valueRange.lowerBound)
                    records.append(Record(key: key, line: line, valueOffset: valueRange.lowerBound, parse: parse))
                }
            },
            orphan: { orphan in
                dropped.append(DroppedLine(
                    line: orphan.line, column: 1, rule: .tableOrphanContinuation,
                    message: "an indented line must continue an entry; postmap ignores this text"))
            })
        self.records = records
        self.dropped = dropped
    }
}
