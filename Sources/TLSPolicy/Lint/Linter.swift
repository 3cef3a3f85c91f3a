import Foundation

/// Checks policy tables against the target Postfix and, with the dataset rules,
/// against the shared dataset's own rules.
public struct Linter: Sendable {
    public let options: LintOptions

    public init(options: LintOptions) {
        self.options = options
    }

    /// Lints each source as its own table (`--rules postfix`), streaming: nothing of an
    /// entry is kept once its findings are known. A large table is read in chunks on all
    /// cores; the result is the same as one pass (see `lintInChunks`).
    public func lint(_ sources: [LintSource]) -> LintReport {
        var diagnostics: [Diagnostic] = []
        var entries = 0
        let parser = PolicyValueParser(version: options.postfixVersion, host: options.host)
        for source in sources {
            let parts = source.bytes.count >= Linter.chunkedThreshold
                ? min(ProcessInfo.processInfo.activeProcessorCount, 8) : 1
            let table = Linter.lintInChunks(source, parser: parser, parts: parts)
            diagnostics += table.diagnostics
            entries += table.entries
        }
        return LintReport(diagnostics: diagnostics, files: sources.count, entries: entries)
    }

    /// Below this size a table is read on one thread: starting threads costs more than it saves.
    static let chunkedThreshold = 4 << 20

    /// What one chunk of a table gave: its diagnostics, and for each stored entry (in key
    /// order) its line and its findings, so that a later chunk's entry whose key an earlier
    /// chunk already has can be turned into the duplicate postmap drops.
    private struct ChunkLint {
        var diagnostics: [Diagnostic] = []
        var records: [(line: Int, findings: Range<Int>)] = []
        var keys: FoldedKeySet
    }

    /// Lints `source` cut into `parts` chunks at logical-line boundaries, one thread each,
    /// then merges them in file order; equal to a single pass, duplicates across chunks included.
    static func lintInChunks(_ source: LintSource, parser: PolicyValueParser, parts: Int)
        -> (diagnostics: [Diagnostic], entries: Int)
    {
        let bytes = source.bytes
        let cuts = TableReader.chunkBoundaries(of: bytes, count: parts)
        let ranges = zip(cuts, cuts.dropFirst()).map { $0..<$1 }
        let results = ChunkResults(count: ranges.count)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
            let range = ranges[index]
            let chunk = ranges.count == 1 ? bytes : Array(bytes[range])
            let linesBefore = bytes[..<range.lowerBound].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
            var lint = ChunkLint(keys: FoldedKeySet(expectedCount: chunk.count / 64))
            PolicyTable.scan(
                bytes: chunk, parser: parser, keys: &lint.keys, linesBefore: linesBefore,
                record: { record in
                    let before = lint.diagnostics.count
                    appendFindings(
                        file: source.name, line: record.line, parse: record.parse,
                        lookupProblem: PolicyKey.lookupProblem(ofKeyBytes: record.keyBytes),
                        keyText: ASCII.string(record.keyBytes), raisingWarnings: false, to: &lint.diagnostics)
                    lint.records.append((record.line.first.line, before..<lint.diagnostics.count))
                },
                dropped: { dropped in
                    lint.diagnostics.append(diagnostic(for: dropped, file: source.name, raisingWarnings: false))
                })
            results.store(lint, at: index)
        }

        let chunks = results.all
        guard var known = chunks.first?.keys else { return ([], 0) }
        var diagnostics = chunks[0].diagnostics
        var entries = chunks[0].records.count
        for (number, chunk) in chunks.enumerated().dropFirst() {
            let isLast = number == chunks.count - 1
            var superseded: [Bool]? = nil
            for (index, record) in chunk.records.enumerated() {
                let key = chunk.keys.key(index)
                let duplicate = isLast ? known.contains(key) : !known.insert(key)
                guard duplicate else {
                    entries += 1
                    continue
                }
                if superseded == nil { superseded = Array(repeating: false, count: chunk.diagnostics.count) }
                for finding in record.findings { superseded?[finding] = true }
                diagnostics.append(diagnostic(
                    for: PolicyTable.DroppedLine.duplicate(key, line: record.line), file: source.name,
                    raisingWarnings: false))
            }
            if let superseded {
                diagnostics += chunk.diagnostics.indices.lazy.filter { !superseded[$0] }.map { chunk.diagnostics[$0] }
            } else {
                diagnostics += chunk.diagnostics
            }
        }
        return (diagnostics, entries)
    }

    /// Chunk results written by concurrent workers, one slot each.
    private final class ChunkResults: @unchecked Sendable {
        // @unchecked: every access holds `lock`.
        private let lock = NSLock()
        private var slots: [ChunkLint?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func store(_ lint: ChunkLint, at index: Int) {
            lock.withLock { slots[index] = lint }
        }

        var all: [ChunkLint] { lock.withLock { slots.compactMap { $0 } } }
    }

    /// The diagnostics `--rules postfix` gives for one table.
    static func postfixDiagnostics(of table: PolicyTable, raisingWarnings: Bool) -> [Diagnostic] {
        var diagnostics = table.dropped.map { diagnostic(for: $0, file: table.file, raisingWarnings: raisingWarnings) }
        for record in table.records {
            appendFindings(
                file: table.file, line: record.line, parse: record.parse, lookupProblem: record.key.lookupProblem,
                keyText: record.key.text, raisingWarnings: raisingWarnings, to: &diagnostics)
        }
        return diagnostics
    }

    static func diagnostic(for dropped: PolicyTable.DroppedLine, file: String, raisingWarnings: Bool)
        -> Diagnostic
    {
        Diagnostic(
            file: file, line: dropped.line, column: dropped.column,
            severity: raisingWarnings ? .error : dropped.rule.postfixSeverity,
            rule: dropped.rule, message: dropped.message, key: dropped.key)
    }

    /// Appends what Postfix says of one stored entry. `keyText` is only evaluated for an
    /// entry with findings: a clean entry costs no `String`.
    static func appendFindings(
        file: String, line: LogicalLine, parse: PolicyValueParser.Result, lookupProblem: String?,
        keyText: @autoclosure () -> String, raisingWarnings: Bool, to diagnostics: inout [Diagnostic]
    ) {
        func severity(_ rule: RuleID) -> Severity { raisingWarnings ? .error : rule.postfixSeverity }
        if parse.error == nil && parse.warnings.isEmpty && lookupProblem == nil { return }
        let key = keyText()
        for finding in (parse.error.map { [$0] } ?? []) + parse.warnings {
            let position = line.position(ofOffset: finding.offset)
            diagnostics.append(Diagnostic(
                file: file, line: position.line, column: position.column, severity: severity(finding.rule),
                rule: finding.rule, message: finding.message, key: key))
        }
        if let lookupProblem {
            diagnostics.append(Diagnostic(
                file: file, line: line.first.line, column: 1, severity: severity(.keyNeverLookedUp),
                rule: .keyNeverLookedUp,
                message: "\(key): \(lookupProblem), so no next-hop lookup ever matches this entry", key: key))
        }
    }
}
