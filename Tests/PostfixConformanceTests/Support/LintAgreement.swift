import TLSPolicyLab

/// Lint's diagnostics for one table, assigned to the oracle's entries.
///
/// A diagnostic belongs to the entry whose physical lines contain its line; failing that,
/// to the first entry with the same key. What belongs to no entry is kept apart.
struct LintAgreement {
    let byEntryLine: [Int: [LintDiagnostic]]
    let unassigned: [LintDiagnostic]

    init(report: PolicyOracleReport, document: LintDocument) {
        var byEntryLine: [Int: [LintDiagnostic]] = [:]
        var unassigned: [LintDiagnostic] = []
        for diagnostic in document.diagnostics {
            if let entry = report.entry(containing: diagnostic.line) {
                byEntryLine[entry.line, default: []].append(diagnostic)
            } else if let key = diagnostic.key, let entry = report.entry(key: key) {
                byEntryLine[entry.line, default: []].append(diagnostic)
            } else {
                unassigned.append(diagnostic)
            }
        }
        self.byEntryLine = byEntryLine
        self.unassigned = unassigned
    }

    func diagnostics(for entry: PolicyOracleEntry) -> [LintDiagnostic] {
        byEntryLine[entry.line] ?? []
    }
}
