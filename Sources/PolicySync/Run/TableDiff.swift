import Foundation

/// How a new table differs from the live one, entry by entry (keys as postmap folds
/// them, values with whitespace runs collapsed): what `diff` and `sync --dry-run` print.
public struct TableDiff: Sendable, Equatable {
    public var added: [(key: String, value: String)]
    public var removed: [(key: String, value: String)]
    public var changed: [(key: String, old: String, new: String)]

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    public init(old: [UInt8], new: [UInt8]) {
        let before = TableDiff.entries(old)
        let after = TableDiff.entries(new)
        added = after.keys.filter { before[$0] == nil }.sorted().map { ($0, after[$0] ?? "") }
        removed = before.keys.filter { after[$0] == nil }.sorted().map { ($0, before[$0] ?? "") }
        changed = after.keys.sorted().compactMap { key in
            guard let old = before[key], let new = after[key], old != new else { return nil }
            return (key, old, new)
        }
    }

    /// The table's entries as Postfix reads them: comments and blank lines skipped, an
    /// indented line continuing the entry above, the first occurrence of a key kept.
    static func entries(_ bytes: [UInt8]) -> [String: String] {
        var entries: [String: String] = [:]
        var lastKey: String?
        for raw in bytes.split(separator: 0x0A) {
            let line = String(decoding: raw, as: UTF8.self)
            let body = line.drop(while: { $0 == " " || $0 == "\t" })
            if body.isEmpty || body.hasPrefix("#") { continue }
            if body.startIndex != line.startIndex {
                if let key = lastKey, let value = entries[key] { entries[key] = value + " " + collapse(body) }
                continue
            }
            let words = line.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
            let key = words[0].lowercased()
            lastKey = nil
            guard entries[key] == nil else { continue }
            entries[key] = words.count == 2 ? collapse(words[1]) : ""
            lastKey = key
        }
        return entries
    }

    private static func collapse(_ text: Substring) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// One line per difference: `+ key value`, `- key value`, `~ key old -> new`.
    public var lines: [String] {
        added.map { "+ \($0.key) \($0.value)" } + removed.map { "- \($0.key) \($0.value)" }
            + changed.map { "~ \($0.key) \($0.old) -> \($0.new)" }
    }

    public static func == (lhs: TableDiff, rhs: TableDiff) -> Bool { lhs.lines == rhs.lines }
}
