import Foundation
import TLSPolicy

/// The policy table `discover` compares the log with, indexed as Postfix looks it up.
struct DiscoverTable {
    /// What the table is, for the report: a file name, or the rendered dataset.
    var name: String
    /// Each key's level; nil for an entry Postfix rejects (it defers the mail it applies to).
    var lookup: PolicyLookup<SecurityLevel?>

    /// `--table FILE`, read as Postfix reads a table source.
    static func load(path: String, parser: PolicyValueParser) throws -> DiscoverTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputFiles.Unreadable(description: "\(path): cannot read the table")
        }
        return DiscoverTable(name: path, lookup: index(PolicyTable(file: path, bytes: [UInt8](data), parser: parser)))
    }

    /// The dataset `inputs` names rendered as `render` renders it (what a host running
    /// the agent installs), without its lint: a table with errors still says what it enforces.
    static func rendered(_ inputs: InputFiles, parser: PolicyValueParser) -> DiscoverTable {
        let options = LintOptions(rules: .dataset, postfixVersion: parser.version, host: parser.host)
        let manifest = inputs.dataset?.manifest ?? DatasetManifest(minimumPostfixVersion: parser.version)
        let rules = DatasetRules(options: options, manifest: manifest)
        let text = TableRenderer(variant: .pkix, sourceCommit: nil).render(rules.files(inputs.sources))
        let directory = inputs.dataset?.directory ?? "policy"
        return DiscoverTable(name: "\(directory)/ (rendered)",
                             lookup: index(PolicyTable(file: directory, bytes: Array(text.utf8), parser: parser)))
    }

    private static func index(_ table: PolicyTable) -> PolicyLookup<SecurityLevel?> {
        PolicyLookup(table.records.map { (key: $0.key.text, value: $0.entry?.level) })
    }
}
