/// Text from probe results made safe for GitHub-flavoured Markdown: keys, reasons and
/// certificate names come from the servers probed, and must not become links, images,
/// HTML or table columns in an issue.
public enum MarkdownText {
    /// Plain text: Markdown's active characters backslash-escaped, line breaks flattened.
    public static func plain(_ text: String) -> String {
        var out = ""
        for character in flatten(text) {
            if "\\`*_{}[]()<>#+!|~&".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// An inline code span that holds `text` whatever backticks it contains. In a table
    /// cell, `|` is escaped too: GFM splits cells before it parses code spans.
    public static func code(_ text: String, inTable: Bool = false) -> String {
        var body = flatten(text)
        if inTable { body = body.replacingOccurrences(of: "|", with: "\\|") }
        let fence = String(repeating: "`", count: longestBacktickRun(body) + 1)
        let padded = body.hasPrefix("`") || body.hasSuffix("`") ? " \(body) " : body
        return fence + padded + fence
    }

    /// A fenced code block of `lines`, its fence longer than any backtick run inside.
    public static func block(_ lines: [String]) -> [String] {
        let flat = lines.map(flatten)
        let fence = String(repeating: "`", count: max(3, (flat.map(longestBacktickRun).max() ?? 0) + 1))
        return [fence] + flat + [fence]
    }

    private static func flatten(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    private static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}
