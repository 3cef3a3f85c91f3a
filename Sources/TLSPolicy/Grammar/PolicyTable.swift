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

        /// The entry on `line` whose key an earlier entry already has.
        static func duplicate(_ keyBytes: ArraySlice<UInt8>, line: Int) -> DroppedLine {
            let key = PolicyKey(text: ASCII.string(keyBytes))
            return DroppedLine(
                line: line, column: 1, rule: .tableDuplicateKey,
                message: "duplicate entry \"\(key.folded)\": postmap keeps the first one and ignores this one",
                key: key.text)
        }
    }

    public var file: String
    public var records: [Record] = []
    public var dropped: [DroppedLine] = []

    /// Reads `bytes` as one table. Duplicate keys (compared as postmap folds them) are
    /// reported as dropped, the first one kept, as postmap keeps it.
    public init(file: String, bytes: [UInt8], parser: PolicyValueParser) {
        self.file = file
        var records: [Record] = []
        var dropped: [DroppedLine] = []
        var keys = FoldedKeySet(expectedCount: bytes.count / 64)
        PolicyTable.scan(
            bytes: bytes, parser: parser, keys: &keys,
            record: { scanned in
                records.append(Record(
                    key: PolicyKey(text: ASCII.string(scanned.keyBytes)), line: scanned.line,
                    valueOffset: scanned.valueOffset, parse: scanned.parse))
            },
            dropped: { dropped.append($0) })
        self.records = records
        self.dropped = dropped
    }

    /// A stored entry as `scan` sees it: the key still as bytes, so that a caller that
    /// only needs findings never builds a `String` for it.
    struct ScannedRecord {
        var keyBytes: ArraySlice<UInt8>
        var line: LogicalLine
        var valueOffset: Int
        var parse: PolicyValueParser.Result
    }

    /// Reads `bytes` as one table and hands each stored entry and each dropped line to
    /// the callbacks in file order, keeping nothing: `lint` of a large table runs in
    /// memory proportional to its keys, not to its entries.
    ///
    /// `keys` collects the stored keys in order (a duplicate of one already there is
    /// dropped); `linesBefore` numbers lines when `bytes` is a later chunk of a file.
    static func scan(bytes: [UInt8], parser: PolicyValueParser, keys seen: inout FoldedKeySet, linesBefore: Int = 0,
                     record: (ScannedRecord) -> Void, dropped: (DroppedLine) -> Void) {
        TableReader(bytes: bytes, linesBefore: linesBefore).read(
            entry: { line in
                switch TableRecord.split(line, utf8Checks: true) {
                case .dropped(let rule, let message):
                    dropped(DroppedLine(line: line.first.line, column: 1, rule: rule, message: message))
                case .stored(let keyRange, let valueRange):
                    let text = line.text
                    let base = text.startIndex
                    let keyBytes = text[(base + keyRange.lowerBound)..<(base + keyRange.upperBound)]
                    if !seen.insert(keyBytes) {
                        dropped(DroppedLine.duplicate(keyBytes, line: line.first.line))
                        return
                    }
                    let value = text[(base + valueRange.lowerBound)..<(base + valueRange.upperBound)]
                    record(ScannedRecord(
                        keyBytes: keyBytes, line: line, valueOffset: valueRange.lowerBound,
                        parse: parser.parse(value, base: valueRange.lowerBound)))
                }
            },
            orphan: { orphan in
                dropped(DroppedLine(
                    line: orphan.line, column: 1, rule: .tableOrphanContinuation,
                    message: "an indented line must continue an entry; postmap ignores this text"))
            })
    }
}
