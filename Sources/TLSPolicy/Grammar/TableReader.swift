import Foundation

/// Splits a table file into logical lines exactly as Postfix's `readllines()` does.
///
/// - A physical line ends at `\n` only (a `\r` stays and counts as whitespace).
/// - A line that is empty, all whitespace, or whose first non-space byte is `#` is a
///   comment; inside a continued entry it neither ends the entry nor adds to it.
/// - A line starting with whitespace continues the previous logical line; its
///   leading whitespace is the separator. The entry ends before the next line that
///   starts with neither whitespace nor `#`.
/// - Text that continues nothing (indented lines at the top of the file) is dropped
///   by Postfix with a warning; it is reported through `orphan`.
///
/// It is a single forward pass over the bytes: linear in the input, any byte allowed.
struct TableReader {
    /// Text that Postfix drops because it continues no entry.
    struct Orphan {
        var line: Int
        var lastLine: Int
    }

    let bytes: [UInt8]
    /// Physical lines before `bytes` (non-zero when `bytes` is a later chunk of a file).
    let linesBefore: Int

    init(bytes: [UInt8], linesBefore: Int = 0) {
        self.bytes = bytes
        self.linesBefore = linesBefore
    }

    /// Offsets where the file can be cut into `count` parts that read exactly as the
    /// whole does: each cut is at the start of a line that begins a new logical line
    /// (neither whitespace nor `#`, so it continues nothing and ends what precedes it).
    static func chunkBoundaries(of bytes: [UInt8], count: Int) -> [Int] {
        var cuts = [0]
        guard count > 1 else { return cuts + [bytes.count] }
        for part in 1..<count {
            var position = max(bytes.count * part / count, cuts[cuts.count - 1])
            while position < bytes.count {
                // Next line start at or after `position`.
                if position > 0 && bytes[position - 1] != 0x0A {
                    while position < bytes.count && bytes[position] != 0x0A { position += 1 }
                    position += 1
                    continue
                }
                let first = bytes[position]
                if first != 0x0A && first != UInt8(ascii: "#") && !ASCII.isSpace(first) { break }
                position += 1
            }
            if position < bytes.count && position > cuts[cuts.count - 1] { cuts.append(position) }
        }
        return cuts + [bytes.count]
    }

    /// Calls `entry` for each logical line and `orphan` for each dropped continuation, in file order,
    /// and `comment` with the number and byte range (newline excluded) of each comment line
    /// (first non-space byte `#`; blank lines are not reported). A comment line is reported
    /// when it is read, which can be before the entry above it is handed to `entry`.
    func read(entry: (LogicalLine) -> Void, orphan: (Orphan) -> Void,
              comment: (_ line: Int, _ bytes: Range<Int>) -> Void = { _, _ in }) {
        let count = bytes.count
        var position = 0
        var lineNumber = linesBefore
        // A logical line made of several physical lines is copied into `joined`;
        // the common single-line entry is a slice of the file, with no copy.
        var pending: (start: Int, end: Int)? = nil
        var joined: [UInt8] = []
        var isJoined = false
        var first = LogicalLine.Segment(offset: 0, line: 0)
        var continuations: [LogicalLine.Segment] = []
        var lastLine = 0

        func flush() {
            let text: ArraySlice<UInt8>
            if isJoined {
                text = joined[...]
            } else if let pending {
                text = bytes[pending.start..<pending.end]
            } else {
                return
            }
            if let lead = text.first, ASCII.isSpace(lead) {
                orphan(Orphan(line: first.line, lastLine: lastLine))
            } else {
                entry(LogicalLine(text: text, first: first, continuations: continuations, lastLine: lastLine))
            }
            pending = nil
            isJoined = false
            joined = []
            continuations = []
        }

        bytes.withUnsafeBufferPointer { buffer in
            while position < count {
                // One physical line: [lineStart, lineEnd), newline excluded.
                let lineStart = position
                var lineEnd = count
                if let base = buffer.baseAddress, let newline = memchr(base + lineStart, 0x0A, count - lineStart) {
                    lineEnd = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                }
                position = lineEnd < count ? lineEnd + 1 : lineEnd
                lineNumber += 1

                var firstText = lineStart
                while firstText < lineEnd && ASCII.isSpace(buffer[firstText]) { firstText += 1 }
                let isComment = firstText == lineEnd || buffer[firstText] == UInt8(ascii: "#")

                if isComment && firstText < lineEnd {
                    comment(lineNumber, lineStart..<lineEnd)
                } else if !isComment {
                    let startsWithSpace = firstText > lineStart
                    if startsWithSpace && (pending != nil || isJoined) {
                        // Continuation of the current logical line.
                        if !isJoined, let pending {
                            joined = Array(buffer[pending.start..<pending.end])
                            isJoined = true
                        }
                        continuations.append(.init(offset: joined.count, line: lineNumber))
                        joined.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[lineStart..<lineEnd]))
                    } else {
                        // A new logical line (or an orphan continuation at the top).
                        flush()
                        pending = (lineStart, lineEnd)
                        first = .init(offset: 0, line: lineNumber)
                    }
                    lastLine = lineNumber
                }
                // Peek: the logical line ends unless the next line starts with
                // whitespace or '#' (readllines() looks at one byte only).
                if pending != nil || isJoined {
                    if position >= count {
                        break
                    }
                    let next = buffer[position]
                    // A comment line here does not extend `lastLine`: it belongs to the
                    // entry only if a continuation line follows it (which sets `lastLine`);
                    // otherwise it is the comment above the next entry.
                    if next != UInt8(ascii: "#") && !ASCII.isSpace(next) {
                        flush()
                    }
                }
            }
        }
        flush()
    }
}
