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
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            ASCII.string($0).trimmingTrailingWhitespace()
        }
        func isComment(_ number: Int) -> Bool {
            number >= 1 && number <= lines.count && lines[number - 1].trimmingLeadingWhitespace().hasPrefix("#")
        }

        var header: [String] = []
        let firstEntryLine = table.records.first?.lineNumber ?? (lines.count + 1)
        var lineNumber = 1
        while lineNumber < firstEntryLine && isComment(lineNumber) {
            header.append(lines[lineNumber - 1])
            lineNumber += 1
        }
        // Comments right above the first entry, with no blank line between, belong to the
        // header only when they are the top of the file; otherwise they belong to the entry.
        var blocks: [Block] = []
        var cursor = lineNumber
        for record in table.records {
            var comments: [String] = []
            for number in cursor..<max(cursor, record.lineNumber) where isComment(number) {
                comments.append(lines[number - 1].trimmingLeadingWhitespace())
            }
            for number in record.lineNumber...max(record.lineNumber, record.line.lastLine) where isComment(number) {
                comments.append(lines[number - 1].trimmingLeadingWhitespace())
            }
            blocks.append(Block(comments: comments, record: record))
            cursor = record.line.lastLine + 1
        }
        var trailing: [String] = []
        if cursor <= lines.count {
            for number in cursor...lines.count where isComment(number) {
                trailing.append(lines[number - 1].trimmingLeadingWhitespace())
            }
        }
        self.headerLines = header
        self.blocks = blocks
        self.trailingComments = trailing
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var scalars = Substring(self)
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }

    func trimmingLeadingWhitespace() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }))
    }
}
