/// Splits table source bytes into logical lines exactly as Postfix's `readllines()` and
/// `postmap` do (Postfix 3.7, `src/util/readlline.c`, `src/postmap/postmap.c`).
///
/// The oracle only uses this to know where each entry starts and ends and what its key is
/// as written; which entries postmap actually stored is read from postmap itself.
///
/// Rules reproduced:
/// - a physical line whose first non-whitespace byte is `#`, or which is all whitespace, is
///   skipped wherever it is, and does not end a logical line in progress;
/// - a physical line starting with whitespace continues the logical line (its newline is
///   dropped, its leading whitespace kept);
/// - a logical line that itself starts with whitespace is an orphan (postmap warns and drops it);
/// - the key ends at the first whitespace outside double quotes; a backslash protects the next byte.
public enum PostmapSourceReader {
    /// Postfix's ISSPACE: the C locale's isspace().
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    static func isBlankOrComment(_ line: ArraySlice<UInt8>) -> Bool {
        guard let first = line.first(where: { !isSpace($0) }) else { return true }
        return first == UInt8(ascii: "#")
    }

    /// The logical lines of `bytes`, in order.
    public static func read(_ bytes: [UInt8]) -> [PostmapSourceLine] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        // A final newline does not start another (empty) physical line.
        if bytes.last == UInt8(ascii: "\n") { lines.removeLast() }
        var result: [PostmapSourceLine] = []
        var index = 0
        while index < lines.count {
            if isBlankOrComment(lines[index]) {
                index += 1
                continue
            }
            let start = index
            var end = index
            var buffer = Array(lines[index])
            index += 1
            // Keep reading while the next physical line starts with whitespace or '#'
            // (readllines peeks at one byte); comment and blank lines add nothing.
            while index < lines.count {
                let next = lines[index]
                if let first = next.first, !isSpace(first), first != UInt8(ascii: "#") { break }
                if !isBlankOrComment(next) {
                    buffer += next
                    end = index
                }
                index += 1
            }
            while let last = buffer.last, isSpace(last) { buffer.removeLast() }
            result.append(makeLine(startLine: start + 1, endLine: end + 1, bytes: buffer))
        }
        return result
    }

    static func makeLine(startLine: Int, endLine: Int, bytes: [UInt8]) -> PostmapSourceLine {
        let validUTF8 = String(validating: bytes, as: UTF8.self) != nil
        if let first = bytes.first, isSpace(first) {
            return PostmapSourceLine(startLine: startLine, endLine: endLine, bytes: bytes, isOrphanContinuation: true,
                                     key: nil, value: nil, isValidUTF8: validUTF8, hasUnbalancedQuote: false)
        }
        var inQuotes = false
        var position = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\\") {
                position += 2
                continue
            }
            if isSpace(byte) && !inQuotes { break }
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            position += 1
        }
        position = min(position, bytes.count)
        let keyBytes = bytes[..<position]
        var valueStart = position
        while valueStart < bytes.count, isSpace(bytes[valueStart]) { valueStart += 1 }
        let valueBytes = bytes[valueStart...]
        return PostmapSourceLine(
            startLine: startLine, endLine: endLine, bytes: bytes, isOrphanContinuation: false,
            key: String(decoding: keyBytes, as: UTF8.self),
            value: String(decoding: valueBytes, as: UTF8.self),
            isValidUTF8: validUTF8, hasUnbalancedQuote: inQuotes)
    }
}
