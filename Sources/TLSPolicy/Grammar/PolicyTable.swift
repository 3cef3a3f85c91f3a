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

        /// The value as written (continuation lines joined), as postmap stores it: up to a
        /// NUL, without surrounding whitespace.
        public var valueBytes: ArraySlice<UInt8> {
            let text = line.text
            let start = text.startIndex + valueOffset
            var end = text[start...].firstIndex(of: 0) ?? text.endIndex
            while end > start && ASCII.isSpace(text[end - 1]) { end -= 1 }
            return text[start..<end]
        }
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

    /// A line postmap stores, before its value is parsed: the key still as bytes, so that a
    /// caller that only needs findings never builds a `String` for it.
    struct StoredLine {
        var keyBytes: ArraySlice<UInt8>
        var line: LogicalLine
        /// Offset of the value within the logical line.
        var valueOffset: Int
        /// The value as postmap stores it (``Record/valueBytes``).
        var valueBytes: ArraySlice<UInt8>
    }

    /// A stored entry as `scan` sees it, with the SMTP client's reading of its value.
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
    /// `comment` sees each comment line as ``TableReader`` reports it.
    static func scan(bytes: [UInt8], parser: PolicyValueParser, keys seen: inout FoldedKeySet, linesBefore: Int = 0,
                     record: (ScannedRecord) -> Void, dropped: (DroppedLine) -> Void,
                     comment: (_ line: Int, _ bytes: Range<Int>) -> Void = { _, _ in }) {
        scan(bytes: bytes, linesBefore: linesBefore,
             store: { seen.insert($0) },
             stored: { line in
                 record(ScannedRecord(
                     keyBytes: line.keyBytes, line: line.line, valueOffset: line.valueOffset,
                     parse: parser.parse(line.valueBytes, base: line.valueOffset)))
             },
             dropped: dropped, comment: comment)
    }

    /// The lines of `bytes` as postmap reads them, values not parsed: the caller parses
    /// each value (or knows its verdict already, as the merge does for a value it has seen).
    ///
    /// `store` is asked for each key postmap would store, and returns false when this
    /// table already stored an equal key, which postmap drops as a duplicate. The merge
    /// keeps its own store this way.
    static func scan(bytes: [UInt8], linesBefore: Int = 0,
                     store: (ArraySlice<UInt8>) -> Bool,
                     stored: (StoredLine) -> Void, dropped: (DroppedLine) -> Void,
                     comment: (_ line: Int, _ bytes: Range<Int>) -> Void = { _, _ in }) {
        TableReader(bytes: bytes, linesBefore: linesBefore).read(
            entry: { line in
                switch TableRecord.split(line, utf8Checks: true) {
                case .dropped(let rule, let message):
                    dropped(DroppedLine(line: line.first.line, column: 1, rule: rule, message: message))
                case .stored(let keyRange, let valueRange):
                    let text = line.text
                    let base = text.startIndex
                    let keyBytes = text[(base + keyRange.lowerBound)..<(base + keyRange.upperBound)]
                    guard store(keyBytes) else {
                        dropped(DroppedLine.duplicate(keyBytes, line: line.first.line))
                        return
                    }
                    stored(StoredLine(
                        keyBytes: keyBytes, line: line, valueOffset: valueRange.lowerBound,
                        valueBytes: text[(base + valueRange.lowerBound)..<(base + valueRange.upperBound)]))
                }
            },
            orphan: { orphan in
                dropped(DroppedLine(
                    line: orphan.line, column: 1, rule: .tableOrphanContinuation,
                    message: "an indented line must continue an entry; postmap ignores this text"))
            },
            comment: comment)
    }
}
