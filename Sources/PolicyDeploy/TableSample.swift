/// The entries of a rendered table as postmap stores them (key folded to lower case,
/// value with its whitespace runs collapsed), for spot checks of the built map.
struct TableSample {
    var entries: [(key: String, value: String)]

    init(bytes: [UInt8]) {
        var entries: [(key: String, value: String)] = []
        for rawLine in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
            let line = String(decoding: rawLine, as: UTF8.self)
            guard let first = line.unicodeScalars.first else { continue }
            if first == " " || first == "\t" {
                // A continuation line: Postfix joins it to the entry above.
                guard !entries.isEmpty, !line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) else { continue }
                if line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("#") { continue }
                entries[entries.count - 1].value += " " + TableSample.collapse(line)
                continue
            }
            if first == "#" { continue }
            let words = line.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count == 2 else { continue }
            entries.append((key: words[0].lowercased(), value: TableSample.collapse(String(words[1]))))
        }
        self.entries = entries
    }

    /// Whitespace runs as one space, no leading or trailing whitespace.
    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// Up to `count` entries spread evenly over the table, first and last included.
    func spread(_ count: Int) -> [(key: String, value: String)] {
        guard entries.count > count, count >= 2 else { return entries }
        let step = Double(entries.count - 1) / Double(count - 1)
        var seen = Set<Int>()
        return (0..<count).map { Int((Double($0) * step).rounded()) }.filter { seen.insert($0).inserted }.map { entries[$0] }
    }
}
