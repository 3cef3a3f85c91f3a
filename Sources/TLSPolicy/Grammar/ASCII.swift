/// Byte classification exactly as Postfix's `sys_defs.h` macros do it: ASCII only,
/// so a byte >= 0x80 is never a space, letter or digit.
enum ASCII {
    /// `ISSPACE`: space, \t, \n, \v, \f, \r.
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// The policy value separators `CHARS_COMMA_SP`: comma, space, tab, CR, LF (not \v or \f).
    @inline(__always)
    static func isPolicySeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x2C || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inline(__always)
    static func isAlphaNumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }

    @inline(__always)
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte | 0x20 : byte }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// `strcasecmp(bytes, name) == 0` for an ASCII `name`.
    static func equalsIgnoringCase<Bytes: Collection>(_ bytes: Bytes, _ name: String) -> Bool
    where Bytes.Element == UInt8 {
        var iterator = bytes.makeIterator()
        for expected in name.utf8 {
            guard let byte = iterator.next(), lowercased(byte) == lowercased(expected) else { return false }
        }
        return iterator.next() == nil
    }

    /// Decodes bytes as UTF-8 for messages and model strings, replacing invalid sequences
    /// rather than failing: a diagnostic must still be printable for any input.
    static func string<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Whether every byte is ASCII (`allascii()`).
    static func isAllASCII<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        bytes.allSatisfy { $0 < 0x80 }
    }
}
