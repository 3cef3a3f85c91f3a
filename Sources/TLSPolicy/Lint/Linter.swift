/// Checks policy tables against the target Postfix and, with the dataset rules,
/// against the shared dataset's own rules.
public struct Linter: Sendable {
    public let options: LintOptions

    public init(options: LintOptions) {
        self.options = options
    }

    /// Lints each source as its own table (`--rules postfix`).
    public func lint(_ sources: [LintSource]) -> LintReport {
        var diagnostics: [Diagnostic] = []
        var entries = 0
        let parser = PolicyValueParser(version: options.postfixVersion, host: options.host)
        for source in sources {
            let table = PolicyTable(file: source.name, bytes: source.bytes, parser: parser)
            entries += table.records.count
            diagnostics += Linter.postfixDiagnostics(of: table, raisingWarnings: false)
        }
        return LintReport(diagnostics: diagnostics, files: sources.count, entries: entries)
    }

    /// The diagnostics `--rules postfix` gives for one table.
    static func postfixDiagnostics(of table: PolicyTable, raisingWarnings: Bool) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func severity(_ rule: RuleID) -> Severity { raisingWarnings ? .error : rule.postfixSeverity }
        for dropped in table.dropped {
            diagnostics.append(Diagnostic(
                file: table.file, line: dropped.line, column: dropped.column, severity: severity(dropped.rule),
                rule: dropped.rule, message: dropped.message, key: dropped.key))
        }
        for record in table.records {
            let findings = (record.parse.error.map { [$0] } ?? []) + record.parse.warnings
            for finding in findings {
                let position = record.line.position(ofOffset: finding.offset)
                diagnostics.append(Diagnostic(
                    file: table.file, line: position.line, column: position.column,
                    severity: severity(finding.rule), rule: finding.rule, message: finding.message,
                    key: record.key.text))
            }
            if let problem = record.key.lookupProblem {
                diagnostics.append(Diagnostic(
                    file: table.file, line: record.lineNumber, column: 1, severity: severity(.keyNeverLookedUp),
                    rule: .keyNeverLookedUp,
                    message: "\(record.key.text): \(problem), so no next-hop lookup ever matches this entry",
                    key: record.key.text))
            }
        }
        return diagnostics
    }
}
