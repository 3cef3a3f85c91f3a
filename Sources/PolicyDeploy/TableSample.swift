/// The entries of a rendered table as postmap stores them (key folded to lower case,
/// value with its whitespace runs collapsed), for spot checks of the built map.
///
/// Reading a large table is part of every deploy, so the scan keeps only where each
/// entry's lines are, with no string per entry; only the entries a spot check samples
/// are turned into text.
struct TableSample {
    private let bytes: [UInt8]
    /// Each entry's bytes: from its key line to the end of its last continuation line.
    private var spans: [Range<Int>] = []

    /// The number of entries.
    var count: Int { spans.count }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var spans: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                var end = start
                while end < buffer.count, buffer[end] != 0x0A { end += 1 }
                defer { start = end + 1 }
                guard end > start else { continue }
                let first = buffer[start]
                if first == 0x20 || first == 0x09 {
                    // A continuation line: Postfix joins it to the entry above, unless it is
                    // blank or a comment.
                    var body = start
                    while body < end, buffer[body] == 0x20 || buffer[body] == 0x09 || buffer[body] == 0x0D { body += 1 }
                    guard body < end, let last = spans.indices.last else { continue }
                    var text = start
                    while text < end, buffer[text] == 0x20 || buffer[text] == 0x09 { text += 1 }
                    if buffer[text] == 0x23 { continue }
                    spans[last] = spans[last].lowerBound..<end
                    continue
                }
                if first == 0x23 { continue }
                // An entry needs a key, a blank, and something after it.
                var separator = start
                while separator < end, buffer[separator] != 0x20, buffer[separator] != 0x09 { separator += 1 }
                guard separator + 1 < end else { continue }
                spans.append(start..<end)
            }
        }
        self.spans = spans
    }

    /// The entry at `index`: its key folded, its value with continuation lines joined and
    /// whitespace runs collapsed, as postmap stores it.
    func entry(at index: Int) -> (key: String, value: String) {
        let lines = bytes[spans[index]].split(separator: 0x0A, omittingEmptySubsequences: true)
            .map { String(decoding: $0, as: UTF8.self) }
        guard let keyLine = lines.first else { return ("", "") }
        let words = keyLine.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
        var value = words.count == 2 ? TableSample.collapse(String(words[1])) : ""
        // The span's later lines: continuation lines, and the comment or blank lines the scan
        // stepped over between them (skipped here as Postfix skips them).
        for line in lines.dropFirst() {
            guard let first = line.unicodeScalars.first, first == " " || first == "\t",
                  !line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }),
                  !line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("#") else { continue }
            value += " " + TableSample.collapse(line)
        }
        return (words.first.map { $0.lowercased() } ?? "", value)
    }

    /// Whitespace runs as one space, no leading or trailing whitespace.
    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// Up to `count` entries spread evenly over the table, first and last included.
    func spread(_ wanted: Int) -> [(key: String, value: String)] {
        guard count > wanted, wanted >= 2 else { return spans.indices.map(entry(at:)) }
        let step = Double(count - 1) / Double(wanted - 1)
        var seen = Set<Int>()
        return (0..<wanted).map { Int((Double($0) * step).rounded()) }.filter { seen.insert($0).inserted }.map(entry(at:))
    }
}
