/// Writes imported entries as dataset files: one per provider, the provider and
/// evidence header first, then the entries, formatted by `CanonicalFormatter` so the
/// output is canonical by construction and byte-for-byte deterministic.
public struct ProviderFileBuilder: Sendable {
    /// Entries are read back with this Postfix version before formatting.
    public var minimumPostfixVersion: PostfixVersion
    public var grouping: ProviderGrouping

    public init(minimumPostfixVersion: PostfixVersion, grouping: ProviderGrouping = ProviderGrouping()) {
        self.minimumPostfixVersion = minimumPostfixVersion
        self.grouping = grouping
    }

    /// Every file for the entries `report` kept, sorted by file name.
    public func files(for report: ImportReport) throws(ImportError) -> [ImportedFile] {
        var files: [ImportedFile] = []
        for group in grouping.group(report.kept) {
            files.append(try file(for: group, evidence: report.evidence, notes: report.headerNotes))
        }
        return files
    }

    /// The file for one provider's entries.
    public func file(for group: ProviderGroup, evidence: String, notes: [String] = []) throws(ImportError) -> ImportedFile {
        let header = ProviderHeader(provider: group.provider.displayName, evidence: evidence, notes: notes)
        var lines = header.lines + [""]
        for entry in group.entries { lines += entry.lines }
        let name = group.provider.fileName
        let draft = PolicyFile(name: name, bytes: Array((lines.joined(separator: "\n") + "\n").utf8),
                               parser: PolicyValueParser(version: minimumPostfixVersion))
        let text: String
        do {
            text = try CanonicalFormatter.format(draft)
        } catch {
            throw .notCanonical(error)
        }
        return ImportedFile(name: name, provider: group.provider, text: text, entryCount: group.entries.count,
                            daneMarkCount: group.entries.lazy.filter(\.dane).count)
    }
}
