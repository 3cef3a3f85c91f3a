/// An entry an import keeps, ready for the dataset: the policy line, the comment
/// lines that go above it, and whether it is marked `#@ dane`.
public struct ImportedEntry: Sendable, Equatable {
    /// The entry as the dataset writes it: key lower-cased, a PKIX or `encrypt` level.
    public var entry: PolicyEntry
    /// Evidence from the source list, one comment line each, without the leading `# `.
    public var comments: [String]
    /// The domain's MX hosts publish DNSSEC-validated TLSA records: written as `#@ dane`.
    public var dane: Bool
    /// Where the entry was read.
    public var origin: ImportLocation

    public init(entry: PolicyEntry, comments: [String] = [], dane: Bool = false, origin: ImportLocation) {
        self.entry = entry
        self.comments = comments
        self.dane = dane
        self.origin = origin
    }

    /// The lower-case lookup key.
    public var key: String { entry.key.folded }

    /// The comment lines and the entry line, as the dataset file holds them before
    /// canonical formatting: evidence first, the `#@ dane` annotation directly above the entry.
    public var lines: [String] {
        comments.map { "# \($0)" } + (dane ? [EntryAnnotation.dane.commentLine] : []) + [entry.tableLine]
    }
}
