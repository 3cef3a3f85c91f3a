/// The merged entries as bytes: each key (folded, as postmap stores it) and each value
/// (as the table will write it) in two arenas, one array of rows, and the rows' order by
/// key, so that a release of a hundred thousand entries costs no `String`, `PolicyEntry`
/// or dictionary node per entry, and rendering only concatenates.
///
/// Release files are read by ``ReleaseFileReader``; a value read before is not parsed
/// again (``ValueVerdicts``), and rows with the same value share its bytes. Then
/// ``finishRelease()`` sorts the rows by key, which also finds a key two files define
/// (equal neighbours); overrides then remove, replace or add rows.
struct MergedTable: Sendable {
    /// Where a row's value came from.
    enum Source: Sendable, Equatable {
        /// Release file number `file` (an index into `files`), line `line`.
        case release(file: Int, line: Int)
        /// The overrides file, line `line`; `replacing` when it replaced a release entry.
        case override(line: Int, replacing: Bool)
    }

    /// One entry.
    struct Row: Sendable {
        /// The key's bytes in `keys`, folded.
        var key: Range<Int>
        /// The value's bytes in `values`.
        var value: Range<Int>
        var level: SecurityLevel
        /// Marked `#@ dane`: `dane-only` in the DANE variant.
        var dane: Bool
        /// The value bytes are a canonical rewrite, not the bytes that were linted (see
        /// ``TableValueText``): the rendered table's validation checks them again.
        var rewritten: Bool
        /// Removed (by the overrides, or as a key an earlier release file has): not rendered.
        var absent: Bool
        var source: Source
    }

    /// The grammar every entry is read with: the host's Postfix version and facts.
    let parser: PolicyValueParser
    /// Verdicts on the values read so far, their bytes in `values`.
    var verdicts: ValueVerdicts

    private(set) var keys: [UInt8] = []
    private(set) var values: [UInt8] = []
    private(set) var rows: [Row] = []
    /// Release file names, in the order they were added.
    private(set) var files: [String] = []
    /// The release's rows sorted by key (then by row, that is file order), set by ``finishRelease()``.
    private var releaseOrder: [Int] = []
    /// Rows the overrides added.
    private var addedRows: [Int] = []

    /// An empty table for entries read with `parser`, with room for about `expectedBytes` of release.
    init(parser: PolicyValueParser, expectedBytes: Int) {
        self.parser = parser
        verdicts = ValueVerdicts(parser: parser)
        // Reserved, not touched: a page costs only once written. Values repeat (a few
        // kilobytes for the dataset), but a release of distinct values needs about as many
        // bytes as it has, and growing by copies would cost more than the reading.
        keys.reserveCapacity(expectedBytes / 3)
        values.reserveCapacity(expectedBytes)
        rows.reserveCapacity(expectedBytes / 32)
    }

    /// Rows with an entry.
    var count: Int { rows.lazy.filter { !$0.absent }.count }

    /// Row `number`'s key as postmap stores it.
    func key(_ number: Int) -> ArraySlice<UInt8> { keys[rows[number].key] }

    /// Row `number`'s value bytes.
    func value(_ number: Int) -> ArraySlice<UInt8> { values[rows[number].value] }

    /// The arenas and the rows, for a pass that reads every row (the renderer).
    func withStorage<Result>(
        _ body: (_ keys: UnsafeBufferPointer<UInt8>, _ values: UnsafeBufferPointer<UInt8>,
                 _ rows: UnsafeBufferPointer<Row>) -> Result
    ) -> Result {
        keys.withUnsafeBufferPointer { keys in
            values.withUnsafeBufferPointer { values in
                rows.withUnsafeBufferPointer { rows in body(keys, values, rows) }
            }
        }
    }

    /// Row `number`'s key as a `String`.
    func foldedKey(_ number: Int) -> String { ASCII.string(key(number)) }

    /// Reads one release file (see ``ReleaseFileReader``) and adds its valid entries.
    ///
    /// - Parameter excused: keys (folded) the overrides replace or remove.
    /// - Returns: the file's problems: lines postmap drops and entries the host's Postfix
    ///   rejects, unless excused.
    mutating func addRelease(_ source: LintSource, excused: Set<String>) -> [MergeProblem] {
        let reader = ReleaseFileReader(source: source, file: files.count, excused: excused)
        files.append(source.name)
        let (rowCount, keyCount) = (rows.count, keys.count)
        let outcome = reader.read(into: &self, check: .ordered)
        guard outcome.unordered else { return outcome.problems }
        // Not sorted: read it again, remembering every key. (Values written stay: the
        // verdicts remembered point at them.)
        rows.removeSubrange(rowCount...)
        keys.removeSubrange(keyCount...)
        return reader.read(into: &self, check: .hashed).problems
    }

    /// Writes the value of a valid entry as the table will (see ``TableValueText``).
    mutating func writeValue(_ parse: PolicyValueParser.Result, written: ArraySlice<UInt8>,
                             level: SecurityLevel) -> ValueVerdicts.Verdict {
        let start = values.count
        let rewritten = TableValueText.append(parse, written: written, parser: parser, to: &values)
        return ValueVerdicts.Verdict(level: level, written: start..<values.count, rewritten: rewritten)
    }

    /// Adds a release entry: its key (folded here) and its value's verdict.
    mutating func appendReleaseRow(key: ArraySlice<UInt8>, verdict: ValueVerdicts.Verdict, dane: Bool, file: Int,
                                   line: Int) {
        let start = keys.count
        MergedTable.appendFolded(key, to: &keys)
        rows.append(Row(key: start..<keys.count, value: verdict.written, level: verdict.level, dane: dane,
                        rewritten: verdict.rewritten, absent: false, source: .release(file: file, line: line)))
    }

    /// Sorts the release's rows by key and refuses a key defined in two files: the first
    /// file's entry stays, each later one is a problem (postmap would silently keep one).
    mutating func finishRelease() -> [MergeProblem] {
        var order = Array(rows.indices)
        // Rows are in file order, so the row number breaks ties between equal keys. A
        // release file is sorted by key already (the dataset's canonical form), and the
        // sort finds such runs, so this is close to linear.
        keys.withUnsafeBufferPointer { keys in
            rows.withUnsafeBufferPointer { rows in
                order.sort { lhs, rhs in
                    switch MergedTable.compare(keys[rows[lhs].key], keys[rows[rhs].key]) {
                    case .less: true
                    case .greater: false
                    case .equal: lhs < rhs
                    }
                }
            }
        }
        // Equal keys are neighbours now, the first file's first.
        var problems: [MergeProblem] = []
        var first = 0
        for index in order.indices.dropFirst() {
            guard key(order[index]) == key(order[first]) else {
                first = index
                continue
            }
            let number = order[index]
            guard case .release(let firstFile, let firstLine) = rows[order[first]].source,
                  case .release(let file, let line) = rows[number].source else { continue }
            problems.append(MergeProblem(file: files[file], line: line,
                                         kind: .duplicateSharedKey(key: foldedKey(number), firstFile: files[firstFile],
                                                                   firstLine: firstLine)))
            rows[number].absent = true
        }
        releaseOrder = order
        return problems
    }

    /// The release row of the key equal to `key` as postmap folds it, unless it has no entry.
    func row(forKey key: ArraySlice<UInt8>) -> Int? {
        var folded: [UInt8] = []
        MergedTable.appendFolded(key, to: &folded)
        var low = 0
        var high = releaseOrder.count
        while low < high {
            let middle = (low + high) / 2
            if MergedTable.compare(self.key(releaseOrder[middle]), folded[...]) == .less {
                low = middle + 1
            } else {
                high = middle
            }
        }
        // The first row with this key is the one kept; later ones are absent duplicates.
        guard low < releaseOrder.count, self.key(releaseOrder[low]) == folded[...] else { return nil }
        let number = releaseOrder[low]
        return rows[number].absent ? nil : number
    }

    /// Drops row `number`'s entry from the table.
    mutating func remove(_ number: Int) {
        rows[number].absent = true
    }

    /// Replaces release row `number`'s value with an override's.
    mutating func replace(_ number: Int, value: [UInt8], level: SecurityLevel, dane: Bool, rewritten: Bool, line: Int) {
        let start = values.count
        values.append(contentsOf: value)
        rows[number].value = start..<values.count
        rows[number].level = level
        rows[number].dane = dane
        rows[number].rewritten = rewritten
        rows[number].source = .override(line: line, replacing: true)
    }

    /// Adds an override's entry for a key the release does not have.
    mutating func add(key: ArraySlice<UInt8>, value: [UInt8], level: SecurityLevel, dane: Bool, rewritten: Bool,
                      line: Int) {
        let keyStart = keys.count
        MergedTable.appendFolded(key, to: &keys)
        let valueStart = values.count
        values.append(contentsOf: value)
        addedRows.append(rows.count)
        rows.append(Row(key: keyStart..<keys.count, value: valueStart..<values.count, level: level, dane: dane,
                        rewritten: rewritten, absent: false, source: .override(line: line, replacing: false)))
    }

    /// The rows to render, sorted by key (bytes compared as unsigned, which is the order
    /// of the keys' UTF-8 `String`s).
    func sortedRows() -> [Int] {
        var added = addedRows
        added.sort { MergedTable.compare(key($0), key($1)) == .less }
        var order: [Int] = []
        order.reserveCapacity(releaseOrder.count + added.count)
        var next = added.startIndex
        for number in releaseOrder where !rows[number].absent {
            while next < added.endIndex && MergedTable.compare(key(added[next]), key(number)) == .less {
                order.append(added[next])
                next += 1
            }
            order.append(number)
        }
        order.append(contentsOf: added[next...])
        return order
    }

    /// `key` with ASCII letters folded to lower case, as postmap stores it, appended to `out`.
    static func appendFolded(_ key: ArraySlice<UInt8>, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: key)
        out.withUnsafeMutableBufferPointer { out in
            for index in start..<out.count where ASCII.isUpper(out[index]) {
                out[index] |= 0x20
            }
        }
    }

    private enum Comparison { case less, equal, greater }

    private static func compare<L: Collection<UInt8>, R: Collection<UInt8>>(_ lhs: L, _ rhs: R) -> Comparison {
        var left = lhs.makeIterator()
        var right = rhs.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return .equal
            case (nil, _): return .less
            case (_, nil): return .greater
            case (let a?, let b?):
                if a != b { return a < b ? .less : .greater }
            }
        }
    }
}
