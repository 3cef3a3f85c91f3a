/// One `name = value` setting of a configuration file, its continuation lines joined.
struct ConfigurationLine: Sendable, Equatable {
    var name: String
    var value: String
    /// 1-based line where the setting starts.
    var line: Int

    /// Reads `text` as Postfix reads main.cf: blank lines and lines whose first
    /// non-whitespace character is `#` are ignored, a line that starts with whitespace
    /// continues the setting above (joined with one space), and each setting is
    /// `name = value`.
    static func read(_ text: String, file: String) -> (lines: [ConfigurationLine], errors: [ConfigurationError]) {
        var logical: [(text: String, line: Int)] = []
        var errors: [ConfigurationError] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let body = line.drop(while: { $0 == " " || $0 == "\t" })
            if body.isEmpty || body.hasPrefix("#") { continue }
            if body.startIndex != line.startIndex {
                guard !logical.isEmpty else {
                    errors.append(ConfigurationError(file: file, line: number, kind: .continuationWithoutSetting))
                    continue
                }
                logical[logical.count - 1].text += " " + trimmed(body)
                continue
            }
            logical.append((trimmed(body), number))
        }

        var lines: [ConfigurationLine] = []
        for entry in logical {
            guard let equals = entry.text.firstIndex(of: "=") else {
                errors.append(ConfigurationError(file: file, line: entry.line, kind: .notASetting(text: entry.text)))
                continue
            }
            let name = trimmed(entry.text[..<equals])
            let value = trimmed(entry.text[entry.text.index(after: equals)...])
            guard !name.isEmpty, !name.contains(where: { $0 == " " || $0 == "\t" }) else {
                errors.append(ConfigurationError(file: file, line: entry.line, kind: .notASetting(text: entry.text)))
                continue
            }
            lines.append(ConfigurationLine(name: name, value: value, line: entry.line))
        }
        return (lines, errors)
    }

    private static func trimmed(_ text: Substring) -> String {
        String(text.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
