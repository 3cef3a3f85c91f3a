/// A host's local overrides, read as Postfix reads the table plus the `#@` directives.
///
/// Syntax: every table line is an entry in the dataset grammar that adds or replaces
/// the release entry with the same key (keys compared as postmap folds them); any level,
/// `none` and `may` included. `#@ remove KEY` drops the release entry for `KEY`; `#@ dane`
/// directly above an entry marks it as the dataset marks entries. Both are comments to
/// Postfix, so the file stays a valid table.
public struct OverrideFile: Sendable {
    /// An entry the host defines.
    public struct Definition: Sendable {
        public var entry: PolicyEntry
        public var annotations: Set<EntryAnnotation>
        public var line: Int
        /// The value as the table will write it (``TableValueText``).
        var value: [UInt8]
        /// `value` is a canonical rewrite, not the bytes that were linted.
        var rewritten: Bool
    }

    /// A `#@ remove KEY` line.
    public struct Removal: Sendable {
        public var key: PolicyKey
        public var line: Int
    }

    public var name: String
    public var definitions: [Definition]
    public var removals: [Removal]
    /// Lint warnings (handshake and lookup problems) on override lines.
    public var warnings: [MergeWarning]
    /// Errors: lines Postfix rejects and malformed directives. Non-empty means unusable.
    public var problems: [MergeProblem]

    /// Reads and lints `source` against `options` (the host's Postfix version and facts).
    public init(source: LintSource, options: LintOptions) {
        name = source.name
        var problems: [MergeProblem] = []
        var warnings: [MergeWarning] = []
        let parser = PolicyValueParser(version: options.postfixVersion, host: options.host)
        let table = PolicyTable(file: source.name, bytes: source.bytes, parser: parser)
        for diagnostic in Linter.postfixDiagnostics(of: table, raisingWarnings: false) {
            switch diagnostic.severity {
            case .error:
                problems.append(MergeProblem(file: source.name, line: diagnostic.line,
                                             kind: .invalidEntry(message: diagnostic.message, rule: diagnostic.rule.rawValue)))
            case .warning:
                warnings.append(MergeWarning(file: source.name, line: diagnostic.line, key: diagnostic.key ?? "",
                                             kind: .lint(message: diagnostic.message, rule: diagnostic.rule.rawValue)))
            }
        }

        let lines = source.bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        func isComment(_ number: Int) -> Bool {
            number >= 1 && number <= lines.count && lines[number - 1].drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("#")
        }

        var removals: [Removal] = []
        var annotationsByLine: [Int: Set<EntryAnnotation>] = [:]
        let recordLines = table.records.map(\.lineNumber)
        for (index, text) in lines.enumerated() {
            let number = index + 1
            guard let parsed = OverrideDirective.parse(line: text) else { continue }
            switch parsed {
            case .failure(let kind):
                problems.append(MergeProblem(file: source.name, line: number, kind: kind))
            case .success(.remove(let key)):
                if let first = removals.first(where: { $0.key.folded == key.folded }) {
                    problems.append(MergeProblem(file: source.name, line: number,
                                                 kind: .removedTwice(key: key.folded, firstLine: first.line)))
                } else {
                    removals.append(Removal(key: key, line: number))
                }
            case .success(.annotation(let annotation)):
                // The mark belongs to the next entry, with only comments in between.
                guard let target = recordLines.first(where: { $0 > number }),
                      (number + 1..<target).allSatisfy(isComment)
                else {
                    problems.append(MergeProblem(file: source.name, line: number, kind: .danglingAnnotation))
                    continue
                }
                annotationsByLine[target, default: []].insert(annotation)
            }
        }

        var definitions: [Definition] = []
        for record in table.records {
            // Records Postfix rejects are already problems (from lint) above.
            guard let entry = record.entry else { continue }
            var value: [UInt8] = []
            let rewritten = TableValueText.append(record.parse, written: record.valueBytes, parser: parser,
                                                  to: &value)
            definitions.append(Definition(entry: entry, annotations: annotationsByLine[record.lineNumber] ?? [],
                                          line: record.lineNumber, value: value, rewritten: rewritten))
            if let removal = removals.first(where: { $0.key.folded == entry.key.folded }) {
                problems.append(MergeProblem(file: source.name, line: removal.line,
                                             kind: .removedAndDefined(key: entry.key.folded, definedAtLine: record.lineNumber)))
            }
        }
        self.definitions = definitions
        self.removals = removals
        self.warnings = warnings
        self.problems = problems.sorted { ($0.line, $0.message) < ($1.line, $1.message) }
    }
}
