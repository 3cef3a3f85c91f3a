/// One SMTP reply: a three-digit code and its text lines (RFC 5321, section 4.2).
struct SMTPReply: Sendable, Hashable {
    /// The reply code, e.g. 250.
    let code: Int
    /// The text of each line, after the code and separator.
    let lines: [String]

    /// True for 2xx.
    var isPositive: Bool { (200..<300).contains(code) }

    /// All lines joined by newlines.
    var text: String { lines.joined(separator: "\n") }

    /// EHLO keywords: the first word of every line after the greeting line, upper-cased.
    var ehloKeywords: [String] {
        lines.dropFirst().compactMap { line in
            line.split(separator: " ", maxSplits: 1).first.map { $0.uppercased() }
        }
    }
}
