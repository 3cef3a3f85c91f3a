import Foundation

/// The release's expiry, from the `Expires:` line of the signed tag message.
///
/// Format: exactly one line `Expires: YYYY-MM-DDTHH:MM:SSZ` (RFC 3339, UTC,
/// no fractional seconds), for example `Expires: 2027-01-31T00:00:00Z`. It is
/// required: a release that never expires could be replayed for ever (freeze).
/// Only the signed message is read, never text after the signature.
public enum ReleaseExpiry {
    /// The line's prefix.
    public static let prefix = "Expires:"

    /// The expiry written in `tag`'s signed message.
    /// - Throws: ``ReleaseTrustError/missingExpiry(tag:)``,
    ///   ``ReleaseTrustError/malformedExpiry(tag:line:value:)``.
    public static func read(from tag: ReleaseTagObject) throws(ReleaseTrustError) -> Date {
        var found: (line: Int, value: String)?
        let lines = tag.message.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, line) in lines.enumerated() where line.hasPrefix(prefix) {
            let lineNumber = tag.messageStartLine + offset
            if found != nil {
                throw .malformedExpiry(tag: tag.tagName, line: lineNumber, value: "a second Expires: line")
            }
            found = (lineNumber, line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces))
        }
        guard let found else { throw .missingExpiry(tag: tag.tagName) }
        guard let date = parse(found.value) else {
            throw .malformedExpiry(tag: tag.tagName, line: found.line, value: found.value)
        }
        return date
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ`; nil for anything else.
    public static func parse(_ text: String) -> Date? {
        let utf8 = Array(text.utf8)
        // Shape first: ISO8601DateFormatter alone also takes offsets and other forms.
        let shape = Array("dddd-dd-ddTdd:dd:ddZ".utf8)
        guard utf8.count == shape.count else { return nil }
        for (character, expected) in zip(utf8, shape) {
            if expected == UInt8(ascii: "d") {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(character) else { return nil }
            } else if character != expected {
                return nil
            }
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.date(from: text)
    }

    /// Formats `date` as an `Expires:` value.
    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
