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
        let base = text.startIndex
        var end = text.endIndex
        if let nul = text.firstIndex(of: 0) { end = nul }

        if utf8Checks && !ASCII.isAllASCII(text[base..<end]) && !UTF8Validation.isValid(text) {
            return .dropped(.tableNonUTF8, "line is not valid UTF-8; postmap ignores it")
        }

        var index = base
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
        if inQuotes {
            return .dropped(.tableUnbalancedQuote, "unbalanced '\"' in the key; postmap ignores this line")
        }
        let keyEnd = min(index, end)
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
