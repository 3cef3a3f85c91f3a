import TLSPolicy

/// One policy entry to probe, and where it is written.
public struct ProbeTarget: Sendable {
    /// The entry as the target Postfix reads it.
    public var entry: PolicyEntry
    /// The file it comes from (for annotations and reports).
    public var file: String
    /// The 1-based line where the entry starts.
    public var line: Int
    /// True when the entry carries the dataset's `#@ dane` annotation.
    public var isDANEMarked: Bool

    /// A target.
    public init(entry: PolicyEntry, file: String, line: Int, isDANEMarked: Bool = false) {
        self.entry = entry
        self.file = file
        self.line = line
        self.isDANEMarked = isDANEMarked
    }
}
