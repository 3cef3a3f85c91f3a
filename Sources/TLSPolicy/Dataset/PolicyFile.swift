/// A dataset file read as people edit it: the header, then each entry with the
/// comment lines written directly above it (annotations included).
public struct PolicyFile: Sendable {
    /// An entry and the comment lines that belong to it.
    public struct Block: Sendable {
        public var comments: [String]
        public var record: PolicyTable.Record

        /// Annotations among the comments, and the comment lines that named unknown ones.
        public var annotations: (known: Set<EntryAnnotation>, unknown: [String]) {
            var known = Set<EntryAnnotation>()
            var unknown: [String] = []
            for comment in comments {
                switch EntryAnnotation.parse(commentLine: comment) {
                case .success(let annotation)?: known.insert(annotation)
                case .failure(let problem)?: unknown.append(problem.name)
                case nil: break
                }
            }
            return (known, unknown)
        }
    }

    public var name: String
    public var bytes: [UInt8]
    public var table: PolicyTable
    /// The grammar the file was read with, so that a rewrite can be checked against it.
    public var parser: PolicyValueParser
    /// Leading comment lines, up to the first blank line or entry.
    public var headerLines: [String]
    public var blocks: [Block]
    /// Comment lines after the last entry.
    public var trailingComments: [String]

    public var header: ProviderHeader? { ProviderHeader(lines: headerLines) }

    public init(name: String, bytes: [UInt8], parser: PolicyValueParser) {
        self.name = name
        self.bytes = bytes
        self.parser = parser
        self.table = PolicyTable(file: name, bytes: bytes, parser: parser)
        // Physical lines as byte ranges: only comment lines become `String`s (they are all
        // this type keeps), which matters for a release of a hundred thousand entries.
        var ranges: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            ranges.append(start..<index)
            start = index + 1
        }
        ranges.append(start..<bytes.count)
        func isComment(_ number: Int) -> Bool {
            guard number >= 1 && number <= ranges.count else { return false }
            return PolicyFile.isCommentLine(bytes[ranges[number - 1]])
        }
        /// Line `number` without trailing blanks (space, tab, CR), as written.
        func text(_ number: Int) -> String {
            ASCII.string(PolicyFile.withoutTrailingBlanks(bytes[ranges[number - 1]]))
        }
        /// A comment line without its indentation.
        func comment(_ number: Int) -> String { text(number).trimmingLeadingWhitespace() }
        let lineCount = ranges.count

        var header: [String] = []
        let firstEntryLine = table.records.first?.lineNumber ?? (lineCount + 1)
        var lineNumber = 1
        while lineNumber < firstEntryLine && isComment(lineNumber) {
            header.append(text(lineNumber))
            lineNumber += 1
        }
        // Comments right above the first entry, with no blank line between, belong to the
        // header only when they are the top of the file; otherwise they belong to the entry.
        var blocks: [Block] = []
        var cursor = lineNumber
        for record in table.records {
            var comments: [String] = []
            for number in cursor..<max(cursor, record.lineNumber) where isComment(number) {
                comments.append(comment(number))
            }
            for number in record.lineNumber...max(record.lineNumber, record.line.lastLine) where isComment(number) {
                comments.append(comment(number))
            }
            blocks.append(Block(comments: comments, record: record))
            cursor = record.line.lastLine + 1
        }
        var trailing: [String] = []
        if cursor <= lineCount {
            for number in cursor...lineCount where isComment(number) {
                trailing.append(comment(number))
            }
        }
        self.headerLines = header
        self.blocks = blocks
        self.trailingComments = trailing
    }
}

extension PolicyFile {
    /// Whether a physical line (newline excluded) is a comment line as blocks count them:
    /// its first byte other than space and tab is `#`. (A blank line is not one: it ends
    /// the header, and separates nothing else.)
    static func isCommentLine(_ line: ArraySlice<UInt8>) -> Bool {
        line.first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "#")
    }

    /// A physical line without trailing blanks (space, tab, CR).
    static func withoutTrailingBlanks(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var line = line
        while let last = line.last, last == 0x20 || last == 0x09 || last == 0x0D { line = line.dropLast() }
        return line
    }
}

extension String {
    func trimmingLeadingWhitespace() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }))
    }
}
