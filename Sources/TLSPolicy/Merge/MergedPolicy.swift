/// The release's entries with a host's overrides applied, ready to render.
public struct MergedPolicy: Sendable {
    /// Every entry, sorted by key as the renderer sorts them.
    public var entries: [MergedEntry]
    /// Overrides that weaken a release entry, remove nothing, or draw lint warnings.
    public var warnings: [MergeWarning]
    /// Keys the overrides added (absent from the release).
    public var added: [String]
    /// Keys whose release entry an override replaced.
    public var replaced: [String]
    /// Keys the overrides removed.
    public var removed: [String]

    /// The parser the entries were read with; rendering re-reads the merged text with it.
    let parser: PolicyValueParser

    init(entries: [MergedEntry], warnings: [MergeWarning], added: [String], replaced: [String], removed: [String],
         parser: PolicyValueParser) {
        self.entries = entries
        self.warnings = warnings
        self.added = added
        self.replaced = replaced
        self.removed = removed
        self.parser = parser
    }

    /// The merged entries as one dataset-style file (each entry with its `#@ dane` mark),
    /// so that ``TableRenderer`` renders overrides exactly as it renders the release.
    public func policyFile(name: String = "merged") -> PolicyFile {
        // A header and a blank line first: comments at the very top of a file belong to
        // its header, and the first entry's `#@ dane` mark must stay with that entry.
        var text = "# The release merged with this host's overrides.\n\n"
        for merged in entries {
            for annotation in merged.annotations.sorted(by: { $0.rawValue < $1.rawValue }) {
                text += annotation.commentLine + "\n"
            }
            text += "\(merged.key) \(merged.entry.valueText)\n"
        }
        return PolicyFile(name: name, bytes: Array(text.utf8), parser: parser)
    }

    /// The table to deploy, rendered as `tls-policy-validator render` renders the dataset.
    public func render(variant: TableRenderer.Variant, sourceCommit: String?) -> String {
        TableRenderer(variant: variant, sourceCommit: sourceCommit).render([policyFile()])
    }
}
