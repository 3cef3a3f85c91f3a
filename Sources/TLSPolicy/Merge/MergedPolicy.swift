/// The release's entries with a host's overrides applied, ready to render.
///
/// The entries are kept as bytes (``MergedTable``): the renderer writes them without
/// reading them again. ``entries`` reads them back as model values for whoever wants to
/// look at them.
public struct MergedPolicy: Sendable {
    /// Overrides that weaken a release entry, remove nothing, or draw lint warnings.
    public var warnings: [MergeWarning]
    /// Keys the overrides added (absent from the release).
    public var added: [String]
    /// Keys whose release entry an override replaced.
    public var replaced: [String]
    /// Keys the overrides removed.
    public var removed: [String]

    let table: MergedTable
    /// The overrides file's name, for the entries it wrote.
    let overridesName: String?
    /// The parser every entry was linted with: the host's Postfix version and facts.
    let parser: PolicyValueParser

    init(table: MergedTable, overridesName: String?, warnings: [MergeWarning], added: [String], replaced: [String],
         removed: [String], parser: PolicyValueParser) {
        self.table = table
        self.overridesName = overridesName
        self.warnings = warnings
        self.added = added
        self.replaced = replaced
        self.removed = removed
        self.parser = parser
    }

    /// How many entries the table has.
    public var count: Int { table.count }

    /// Every entry, sorted by key as the renderer sorts them, read back from the merged
    /// bytes (each value parsed again: for inspection and tests, not for rendering). The
    /// key is the one postmap stores (folded).
    public var entries: [MergedEntry] {
        table.sortedRows().compactMap { number in
            let row = table.rows[number]
            let parse = parser.parse(table.value(number))
            guard parse.error == nil, let level = parse.level else { return nil }
            let origin: MergedEntry.Origin = switch row.source {
            case .release(let file, let line): .shared(file: table.files[file], line: line)
            case .override(let line, let replacing): .override(file: overridesName ?? "", line: line, replacing: replacing)
            }
            return MergedEntry(entry: PolicyEntry(key: PolicyKey(text: table.foldedKey(number)), level: level,
                                                  attributes: parse.attributes.map(\.attribute)),
                               annotations: row.dane ? [.dane] : [], origin: origin)
        }
    }

    /// The table to deploy, rendered as `tls-policy-validator render` renders the dataset.
    public func render(variant: TableRenderer.Variant, sourceCommit: String?) -> String {
        ASCII.string(TableRenderer(variant: variant, sourceCommit: sourceCommit).render(self).bytes)
    }
}
