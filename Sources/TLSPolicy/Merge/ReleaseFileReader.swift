/// Reads a release file in one pass: every line linted with the host's Postfix rules as
/// ``Linter`` lints it (on the table as postmap reads it), every valid entry kept as bytes
/// (its key folded, its value as ``TableValueText`` writes it) with its `#@ dane` mark.
///
/// Postmap keeps the first of two entries with the same key in a file and drops the other
/// (`table/duplicate-key`). A file in the dataset's canonical form is sorted by key, so it
/// cannot hold such a duplicate: read ``KeyCheck/ordered``, the reader only checks that
/// each key sorts after the one before, which needs no table of keys (and no cache miss per
/// entry), and can read chunks of the file on several cores. A file that turns out not to
/// be sorted is read again ``KeyCheck/hashed``, remembering every key, as the linter does.
struct ReleaseFileReader: Sendable {
    /// How postmap's duplicates within the file are found.
    enum KeyCheck: Sendable {
        /// Keys must increase; a chunk where they do not is marked ``ReleaseChunk/unordered``.
        case ordered
        /// Every key is remembered: exact for any file.
        case hashed
    }

    let source: LintSource
    /// The file's number in the release, for its rows.
    let file: Int
    let parser: PolicyValueParser
    /// Keys (folded) the overrides replace or remove: an invalid entry for one of them is
    /// the host's to fix, and is not a problem.
    let excused: Set<String>

    /// Reads the bytes `range` of the file (the whole file, or a chunk that starts a logical line).
    func read(_ range: Range<Int>, check: KeyCheck) -> ReleaseChunk {
        let bytes = range.count == source.bytes.count ? source.bytes : Array(source.bytes[range])
        var chunk = ReleaseChunk()
        chunk.keys.reserveCapacity(bytes.count / 3)
        chunk.values.reserveCapacity(bytes.count / 2)
        chunk.rows.reserveCapacity(bytes.count / 32)
        var annotations = StreamedAnnotations(atFileStart: range.lowerBound == 0)
        var previousKey: ArraySlice<UInt8>? = nil
        var seen = check == .hashed ? FoldedKeySet(expectedCount: bytes.count / 40) : nil
        PolicyTable.scan(
            bytes: bytes, parser: parser,
            store: { key in
                if seen != nil {
                    return seen?.insert(key) == true ? 0 : nil
                }
                if let previousKey, !ReleaseFileReader.foldedPrecedes(previousKey, key) {
                    chunk.unordered = true
                }
                if chunk.firstKey == nil { chunk.firstKey = ReleaseFileReader.folded(key) }
                previousKey = key
                return 0
            },
            record: { record in
                let dane = annotations.takeDane(through: record.line.lastLine)
                if chunk.firstRecord == .none { chunk.firstRecord = record.parse.error == nil ? .valid : .invalid }
                if record.parse.error != nil {
                    var diagnostics: [Diagnostic] = []
                    // Errors only: a warning (a handshake problem, a key never looked up)
                    // does not refuse a release.
                    Linter.appendFindings(
                        file: source.name, line: record.line, parse: record.parse, lookupProblem: nil,
                        keyText: ASCII.string(record.keyBytes), raisingWarnings: false, to: &diagnostics)
                    for diagnostic in diagnostics where diagnostic.severity == .error && !isExcused(diagnostic.key) {
                        chunk.invalid.append(problem(diagnostic))
                    }
                    return
                }
                guard let level = record.parse.level else { return }
                let keyStart = chunk.keys.count
                ReleaseFileReader.appendFolded(record.keyBytes, to: &chunk.keys)
                let valueStart = chunk.values.count
                let rewritten = TableValueText.append(record.parse, written: record.valueBytes, parser: parser,
                                                      to: &chunk.values)
                chunk.rows.append(MergedTable.Row(
                    key: keyStart..<chunk.keys.count, value: valueStart..<chunk.values.count, level: level,
                    dane: dane, rewritten: rewritten, absent: false,
                    source: .release(file: file, line: record.line.first.line)))
            },
            dropped: { line in
                let diagnostic = Linter.diagnostic(for: line, file: source.name, raisingWarnings: false)
                if diagnostic.severity == .error && !isExcused(diagnostic.key) {
                    chunk.dropped.append(problem(diagnostic))
                }
            },
            comment: { line, range in
                annotations.comment(line: line, bytes: bytes[range])
            })
        chunk.lastKey = previousKey.map(ReleaseFileReader.folded)
        chunk.pendingDane = annotations.pendingDane
        chunk.lineCount = bytes.count(where: { $0 == UInt8(ascii: "\n") })
        return chunk
    }

    private func isExcused(_ key: String?) -> Bool {
        guard let key, !excused.isEmpty else { return false }
        return excused.contains(PolicyKey(text: key).folded)
    }

    private func problem(_ diagnostic: Diagnostic) -> MergeProblem {
        MergeProblem(file: diagnostic.file, line: diagnostic.line,
                     kind: .invalidEntry(message: diagnostic.message, rule: diagnostic.rule.rawValue))
    }

    static func folded(_ key: ArraySlice<UInt8>) -> [UInt8] {
        var bytes: [UInt8] = []
        appendFolded(key, to: &bytes)
        return bytes
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

    /// Whether `lhs` sorts before `rhs`, both compared folded (unsigned bytes).
    static func foldedPrecedes<L: Collection<UInt8>, R: Collection<UInt8>>(_ lhs: L, _ rhs: R) -> Bool {
        var left = lhs.makeIterator()
        var right = rhs.makeIterator()
        while true {
            guard let a = left.next() else { return right.next() != nil }
            guard let b = right.next() else { return false }
            let x = ASCII.lowercased(a)
            let y = ASCII.lowercased(b)
            if x != y { return x < y }
        }
    }
}
