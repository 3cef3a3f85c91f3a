/// Writes a dataset file in its one canonical form, so that diffs stay small and
/// reviewable, and `lint --fix` is idempotent:
///
/// - the header comment block, then exactly one blank line (a file without a header
///   whose first entry has comments starts with a blank line, so they stay the entry's);
/// - entries sorted by key (as postmap folds it), one line each:
///   `key level attribute=value …`, key, level and attribute names in lower case,
///   single spaces, continuation lines joined;
/// - each entry's own comment lines (annotations included) directly above it;
/// - trailing comments after the entries, one newline at the end.
///
/// Nothing it changes alters what Postfix does with an entry: keys and names are
/// case-insensitive, separators are interchangeable, comments are ignored.
public enum CanonicalFormatter {
    /// Why a file cannot be rewritten without risking its meaning.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var file: String
        public var reason: String
        public var description: String { "\(file): not rewritten: \(reason)" }
    }

    /// The canonical text of `file`, or a refusal when an entry is dropped or invalid
    /// (rewriting it could change what it means; fix it by hand first).
    public static func format(_ file: PolicyFile) throws(Refusal) -> String {
        if let dropped = file.table.dropped.first {
            throw Refusal(file: file.name, reason: "line \(dropped.line): \(dropped.message)")
        }
        var blocks: [(key: String, text: [String])] = []
        for block in file.blocks {
            guard let entry = block.record.parse.error == nil ? block.record.entry : nil else {
                throw Refusal(file: file.name,
                              reason: "line \(block.record.lineNumber): the entry for \(block.record.key) is invalid")
            }
            var canonical = entry
            canonical.key = PolicyKey(text: entry.key.folded)
            blocks.append((canonical.key.text, block.comments + [line(for: canonical, record: block.record, in: file)]))
        }
        blocks.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }

        var lines = file.headerLines
        if !lines.isEmpty && !blocks.isEmpty { lines.append("") }
        // Comments at the very top are the header. Without a header, the first entry's own
        // comments keep a blank line above them, or reading the output back would take them
        // for the header and every `--fix` would move them again (found by the fuzzer).
        if lines.isEmpty, let first = blocks.first, first.text.count > 1 { lines.append("") }
        for block in blocks { lines += block.text }
        if !file.trailingComments.isEmpty {
            if !lines.isEmpty { lines.append("") }
            lines += file.trailingComments
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// The entry's canonical line, unless that line would read differently: from Postfix
    /// 3.10 a `{` opens a brace group, so a value holding an unbalanced brace cannot be
    /// written as `name=value` or `{ name = value }` without changing what follows it.
    /// Such an entry keeps its own value text, joined onto one line, which by definition
    /// reads as it did (``TableValueText``, which the agent's renderer uses too).
    private static func line(for entry: PolicyEntry, record: PolicyTable.Record, in file: PolicyFile) -> String {
        var value: [UInt8] = []
        TableValueText.append(record.parse, written: record.valueBytes, parser: file.parser, to: &value)
        return "\(entry.key.text) \(ASCII.string(value))"
    }
}
