/// One logical line of a Postfix table: the physical lines `readllines()` joins,
/// with comment and blank lines inside it removed, and a map back to positions.
public struct LogicalLine: Sendable {
    /// Where a physical line's bytes start inside `text`.
    public struct Segment: Sendable, Equatable {
        /// Offset of the physical line's first byte within `text`.
        public var offset: Int
        /// 1-based physical line number.
        public var line: Int
    }

    /// The joined bytes; newlines are not part of it, exactly as Postfix joins them,
    /// so a continuation line's leading whitespace is what separates it.
    public let text: ArraySlice<UInt8>
    /// The first physical line's segment (offset 0).
    public let first: Segment
    /// Segments of continuation lines; empty for the common single-line entry.
    public let continuations: [Segment]
    /// The last physical line the logical line occupies (comment lines inside included).
    public let lastLine: Int

    /// The physical line and 1-based byte column of `offset` within `text`.
    public func position(ofOffset offset: Int) -> (line: Int, column: Int) {
        var segment = first
        for candidate in continuations where candidate.offset <= offset {
            segment = candidate
        }
        return (segment.line, offset - segment.offset + 1)
    }
}
