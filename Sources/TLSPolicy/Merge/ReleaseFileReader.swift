/// Reads a release file into a ``MergedTable`` in one pass: every line linted with the
/// host's Postfix rules as ``Linter`` lints it (on the table as postmap reads it), every
/// valid entry kept as bytes (its key folded, its value as ``TableValueText`` writes it)
/// with its `#@ dane` mark.
///
/// Postmap keeps the first of two entries with the same key in a file and drops the other
/// (`table/duplicate-key`). A file in the dataset's canonical form is sorted by key, so it
/// cannot hold such a duplicate: read ``KeyCheck/ordered``, the reader only checks that
/// each key sorts after the one before, which needs no table of keys (and no cache miss per
/// entry). A file that turns out not to be sorted is read again ``KeyCheck/hashed``,
/// remembering every key, as the linter does.
struct ReleaseFileReader {
    /// How postmap's duplicates within the file are found.
    enum KeyCheck {
        /// Keys must increase; the read reports a file where they do not as unordered (and
        /// what it read of it is to be thrown away).
        case ordered
        /// Every key is remembered: exact for any file.
        case hashed
    }

    /// What reading the file found.
    struct Outcome {
        /// Lines postmap drops, then entries the host's Postfix rejects, in file order; those
        /// for keys the overrides replace or remove left out.
        var problems: [MergeProblem]
        /// Read ``KeyCheck/ordered``, the keys did not increase.
        var unordered: Bool
    }

    let source: LintSource
    /// The file's number in the release.
    let file: Int
    /// Keys (folded) the overrides replace or remove: an invalid entry for one of them is
    /// the host's to fix, and is not a problem.
    let excused: Set<String>

    /// Adds the file's valid entries to `table`.
    func read(into table: inout MergedTable, check: KeyCheck) -> Outcome {
        let parser = table.parser
        var dropped: [MergeProblem] = []
        var invalid: [MergeProblem] = []
        var unordered = false
        var annotations = StreamedAnnotations()
        // The last stored key, copied (a slice would cost a reference count per entry).
        var previousKey: [UInt8] = []
        previousKey.reserveCapacity(256)
        var first = true
        var seen = check == .hashed ? FoldedKeySet(expectedCount: source.bytes.count / 40) : nil
        PolicyTable.scan(
            bytes: source.bytes,
            store: { key in
                if seen != nil {
                    return seen?.insert(key) == true
                }
                if !first && !ReleaseFileReader.foldedPrecedes(previousKey[...], key) {
                    unordered = true
                }
                first = false
                previousKey.removeAll(keepingCapacity: true)
                previousKey.append(contentsOf: key)
                return true
            },
            stored: { stored in
                let dane = annotations.takeDane(through: stored.line.lastLine)
                let verdict: ValueVerdicts.Verdict
                if let known = table.verdicts.verdict(on: stored.valueBytes) {
                    verdict = known
                } else {
                    let parse = parser.parse(stored.valueBytes, base: stored.valueOffset)
                    guard parse.error == nil, let level = parse.level else {
                        var diagnostics: [Diagnostic] = []
                        // Errors only: a warning (a handshake problem, a key never looked up)
                        // does not refuse a release.
                        Linter.appendFindings(
                            file: source.name, line: stored.line, parse: parse, lookupProblem: nil,
                            keyText: ASCII.string(stored.keyBytes), raisingWarnings: false, to: &diagnostics)
                        for diagnostic in diagnostics where diagnostic.severity == .error && !isExcused(diagnostic.key) {
                            invalid.append(problem(diagnostic))
                        }
                        return
                    }
                    verdict = table.writeValue(parse, written: stored.valueBytes, level: level)
                    table.verdicts.remember(verdict, on: stored.valueBytes)
                }
                table.appendReleaseRow(key: stored.keyBytes, verdict: verdict, dane: dane, file: file,
                                       line: stored.line.first.line)
            },
            dropped: { line in
                let diagnostic = Linter.diagnostic(for: line, file: source.name, raisingWarnings: false)
                if diagnostic.severity == .error && !isExcused(diagnostic.key) {
                    dropped.append(problem(diagnostic))
                }
            },
            comment: { line, range in
                annotations.comment(line: line, bytes: source.bytes[range])
            })
        return Outcome(problems: dropped + invalid, unordered: unordered)
    }

    private func isExcused(_ key: String?) -> Bool {
        guard let key, !excused.isEmpty else { return false }
        return excused.contains(PolicyKey(text: key).folded)
    }

    private func problem(_ diagnostic: Diagnostic) -> MergeProblem {
        MergeProblem(file: diagnostic.file, line: diagnostic.line,
                     kind: .invalidEntry(message: diagnostic.message, rule: diagnostic.rule.rawValue))
    }

    /// Whether `lhs` sorts before `rhs`, both compared folded (unsigned bytes).
    static func foldedPrecedes(_ lhs: ArraySlice<UInt8>, _ rhs: ArraySlice<UInt8>) -> Bool {
        lhs.withUnsafeBufferPointer { lhs in
            rhs.withUnsafeBufferPointer { rhs in
                for index in 0..<min(lhs.count, rhs.count) {
                    let left = ASCII.lowercased(lhs[index])
                    let right = ASCII.lowercased(rhs[index])
                    if left != right { return left < right }
                }
                return lhs.count < rhs.count
            }
        }
    }
}
