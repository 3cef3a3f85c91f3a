/// Bounds on what a server may send, so that a hostile one cannot make a probe read forever.
public struct ProbeLimits: Sendable, Hashable, Codable {
    /// Longest reply line accepted, CRLF excluded (RFC 5321 allows 512; Postfix reads up to
    /// `line_length_limit = 2048`).
    public var maximumLineLength: Int
    /// Most lines in one multi-line reply (a real EHLO reply has a dozen or two).
    public var maximumReplyLines: Int

    /// The bounds.
    public init(maximumLineLength: Int = 2_048, maximumReplyLines: Int = 100) {
        self.maximumLineLength = maximumLineLength
        self.maximumReplyLines = maximumReplyLines
    }
}
