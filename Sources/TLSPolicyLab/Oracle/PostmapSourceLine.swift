/// One logical line of a Postfix table source file, located by its physical lines.
public struct PostmapSourceLine: Sendable, Equatable {
    /// 1-based physical line where the logical line starts.
    public let startLine: Int
    /// 1-based physical line of its last text-carrying continuation.
    public let endLine: Int
    /// The logical line's bytes: physical lines joined without their newlines, leading
    /// whitespace of continuations kept (it separates tokens), trailing whitespace removed.
    public let bytes: [UInt8]
    /// True when the logical line starts with whitespace: a continuation with nothing
    /// before it, which postmap drops with "logical line must not start with whitespace".
    public let isOrphanContinuation: Bool
    /// The key as written (up to the first whitespace outside double quotes; quotes and
    /// backslashes kept, as postmap stores them); nil for orphans.
    public let key: String?
    /// The value (after the key and its whitespace, trailing whitespace removed); may be empty.
    public let value: String?
    /// False when the bytes are neither ASCII nor valid UTF-8.
    public let isValidUTF8: Bool
    /// True when a double quote in the key is never closed.
    public let hasUnbalancedQuote: Bool

    /// A logical line with every field given (``PostmapSourceReader`` makes them).
    public init(startLine: Int, endLine: Int, bytes: [UInt8], isOrphanContinuation: Bool, key: String?, value: String?,
                isValidUTF8: Bool, hasUnbalancedQuote: Bool) {
        self.startLine = startLine
        self.endLine = endLine
        self.bytes = bytes
        self.isOrphanContinuation = isOrphanContinuation
        self.key = key
        self.value = value
        self.isValidUTF8 = isValidUTF8
        self.hasUnbalancedQuote = hasUnbalancedQuote
    }

    /// True when physical line `line` belongs to this logical line.
    public func contains(line: Int) -> Bool { (startLine...endLine).contains(line) }
}
