/// A logical line split into key and value the way `postmap` splits it, or the
/// reason postmap drops it.
struct TableRecord {
    enum Outcome {
        /// Stored: key bytes and value bytes (value trimmed of surrounding whitespace),
        /// as offsets into the logical line's text.
        case stored(key: Range<Int>, value: Range<Int>)
        /// Dropped by postmap, with the rule and message it earns.
        case dropped(RuleID, String)
    }

    /// Splits `line` as `postmap.c` does: the text is a C string (a NUL ends it); with
    /// `smtputf8_enable = yes` (Debian's compatibility_level 3.6) a non-ASCII line that is
    /// not valid UTF-8 is ignored; the key ends at the first unquoted, unescaped whitespace.
    static func split(_ line: LogicalLine, utf8Checks: Bool) -> Outcome {
        let text = line.text
        // One pass over the bytes for each question, through a buffer pointer: this runs
        // for every line of every table, and slice indexing dominated it.
        let split = text.withUnsafeBufferPointer { text -> (end: Int, nonASCII: Bool, keyEnd: Int, inQuotes: Bool) in
            let (end, nonASCII) = TableRecord.cString(text)
            var index = 0
            var inQuotes = false
            scan: while index < end {
                let byte = text[index]
                switch byte {
                case UInt8(ascii: "\\"):
                    index += 1
                    if index >= end { break scan }
                case UInt8(ascii: "\""):
                    inQuotes.toggle()
                default:
                    if ASCII.isSpace(byte) && !inQuotes { break scan }
                }
                index += 1
            }
            return (end, nonASCII, min(index, end), inQuotes)
        }
        if utf8Checks && split.nonASCII && !UTF8Validation.isValid(text) {
            return .dropped(.tableNonUTF8, "line is not valid UTF-8; postmap ignores it")
        }
        if split.inQuotes {
            return .dropped(.tableUnbalancedQuote, "unbalanced '\"' in the key; postmap ignores this line")
        }
        let base = text.startIndex
        let end = base + split.end
        let keyEnd = base + split.keyEnd
        var valueStart = keyEnd < end ? keyEnd + 1 : end
        while valueStart < end && ASCII.isSpace(text[valueStart]) { valueStart += 1 }
        var valueEnd = end
        while valueEnd > valueStart && ASCII.isSpace(text[valueEnd - 1]) { valueEnd -= 1 }
        if keyEnd == base || valueStart == valueEnd {
            return .dropped(
                .tableMissingValue,
                "expected format: key whitespace value; postmap drops this entry, so a weaker policy applies"
            )
        }
        return .stored(key: (base - base)..<(keyEnd - base), value: (valueStart - base)..<(valueEnd - base))
    }
}

extension TableRecord {
    /// Where the C string in `bytes` ends (its first NUL, else the end), and whether a byte
    /// before that is non-ASCII. Eight bytes at a time: every line of every table passes here.
    static func cString(_ bytes: UnsafeBufferPointer<UInt8>) -> (end: Int, nonASCII: Bool) {
        let raw = UnsafeRawBufferPointer(bytes)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var high: UInt64 = 0
        var index = 0
        while index + 8 <= raw.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            // The lowest set bit of `zero` is the high bit of the word's first zero byte.
            let zero = (word &- ones) & ~word & highs
            if zero != 0 {
                let before = zero.trailingZeroBitCount / 8
                let kept: UInt64 = before == 0 ? 0 : ~0 >> (64 - 8 * UInt64(before))
                return (index + before, high | (word & kept & highs) != 0)
            }
            high |= word & highs
            index += 8
        }
        var nonASCII = high != 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0 { return (index, nonASCII) }
            if byte >= 0x80 { nonASCII = true }
            index += 1
        }
        return (bytes.count, nonASCII)
    }
}

/// UTF-8 well-formedness without building a String for the common ASCII case.
enum UTF8Validation {
    static func isValid<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
