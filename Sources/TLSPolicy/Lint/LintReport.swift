/// Everything lint found, in reading order.
public struct LintReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var files: Int
    public var entries: Int

    public init(diagnostics: [Diagnostic], files: Int, entries: Int) {
        self.diagnostics = diagnostics.sorted(by: Diagnostic.inReadingOrder)
        self.files = files
        self.entries = entries
    }

    public var errorCount: Int { diagnostics.lazy.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.lazy.filter { $0.severity == .warning }.count }
}
