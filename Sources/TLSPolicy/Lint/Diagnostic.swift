/// One finding, positioned in a file: what is wrong, where, under which rule.
public struct Diagnostic: Sendable, Hashable, Codable {
    /// The file as it was named to lint (`-` for standard input).
    public var file: String
    /// 1-based physical line.
    public var line: Int
    /// 1-based byte column within the line.
    public var column: Int
    public var severity: Severity
    public var rule: RuleID
    public var message: String
    /// The key of the entry the finding belongs to, when there is one.
    public var key: String?

    public init(file: String, line: Int, column: Int, severity: Severity, rule: RuleID, message: String,
                key: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.rule = rule
        self.message = message
        self.key = key
    }

    /// Orders findings by file, then position, so every output is deterministic.
    public static func inReadingOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.rule.rawValue) < (rhs.file, rhs.line, rhs.column, rhs.rule.rawValue)
    }
}
