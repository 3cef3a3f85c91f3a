#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level helpers over one log line's UTF-8 bytes.
///
/// The parser works on bytes, not `String`, because a mail log is read a million lines at a
/// time: it looks for fixed ASCII markers and makes a `String` only for the fields a record
/// keeps. Every index is checked against the buffer's bounds; nothing here reads outside it.
struct LogBytes {
    let base: UnsafeBufferPointer<UInt8>

    init(_ base: UnsafeBufferPointer<UInt8>) { self.base = base }

    var count: Int { base.count }

    subscript(_ index: Int) -> UInt8 { base[index] }

    /// The first index at or after `from` (and before `end`) where `needle` starts, or nil.
    ///
    /// This is the parser's hot loop: glibc's vectorised `memchr` finds candidates for the
    /// needle's rarest byte in log text (``LogPattern``), a byte loop checks each. (`memmem` is
    /// a GNU extension Swift's Glibc module does not export.)
    func find(_ pattern: LogPattern, from: Int, end: Int? = nil) -> Int? {
        let limit = end ?? base.count
        let length = pattern.text.utf8CodeUnitCount
        guard length > 0, from >= 0, limit <= base.count, limit - from >= length, let start = base.baseAddress else { return nil }
        let needle = pattern.text.utf8Start
        let anchorOffset = pattern.anchorOffset
        let anchor = Int32(needle[anchorOffset])
        var position = from + anchorOffset
        let lastAnchor = limit - length + anchorOffset
        while position <= lastAnchor, let hit = memchr(start + position, anchor, lastAnchor + 1 - position) {
            let candidate = UnsafeRawPointer(start).distance(to: UnsafeRawPointer(hit)) - anchorOffset
            if Self.equal(start + candidate, needle, length) { return candidate }
            position = candidate + anchorOffset + 1
        }
        return nil
    }

    /// True when the `length` bytes at `a` and `b` are equal. A loop, not `memcmp`: the
    /// needles are a few bytes long, and a library call per candidate cost more than the compare.
    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        var offset = 0
        while offset < length {
            if a[offset] != b[offset] { return false }
            offset += 1
        }
        return true
    }

    /// ``find(_:from:end:)`` for a needle used once in a while (its anchor is chosen on each call).
    func find(_ needle: StaticString, from: Int, end: Int? = nil) -> Int? {
        find(LogPattern(needle), from: from, end: end)
    }

    /// True when the bytes at `at` are exactly `prefix`.
    func hasPrefix(_ prefix: StaticString, at: Int) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard at >= 0, base.count - at >= length else { return false }
        return prefix.withUTF8Buffer { pattern in
            var offset = 0
            while offset < length {
                if base[at + offset] != pattern[offset] { return false }
                offset += 1
            }
            return true
        }
    }

    /// The first index in `from..<end` holding `byte`, or nil (glibc's vectorised `memchr`).
    func firstIndex(of byte: UInt8, from: Int, end: Int? = nil) -> Int? {
        let limit = end ?? base.count
        guard from >= 0, from < limit, limit <= base.count, let start = base.baseAddress else { return nil }
        guard let found = memchr(start + from, Int32(byte), limit - from) else { return nil }
        return UnsafeRawPointer(start).distance(to: UnsafeRawPointer(found))
    }

    /// The last index in `from..<end` holding `byte`, or nil.
    func lastIndex(of byte: UInt8, from: Int, end: Int) -> Int? {
        var index = end - 1
        while index >= from {
            if base[index] == byte { return index }
            index -= 1
        }
        return nil
    }

    /// The bytes `from..<end` as a String (invalid UTF-8 repaired, as log text may hold any byte).
    func string(_ from: Int, _ end: Int) -> String {
        guard from < end else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: base[from..<end]), as: UTF8.self)
    }

    /// The bytes `from..<end` as a lower-case ASCII String (domain names compare case-insensitively).
    func lowercasedString(_ from: Int, _ end: Int) -> String {
        guard from < end else { return "" }
        var needsLowering = false
        for index in from..<end where base[index] >= 0x41 && base[index] <= 0x5A {
            needsLowering = true
            break
        }
        if !needsLowering { return string(from, end) }
        let lowered = base[from..<end].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return String(decoding: lowered, as: UTF8.self)
    }

    /// A decimal number in `from..<end` (digits only), or nil.
    func decimal(_ from: Int, _ end: Int) -> Int? {
        guard from < end, end - from <= 18 else { return nil }
        var value = 0
        for index in from..<end {
            let byte = base[index]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
