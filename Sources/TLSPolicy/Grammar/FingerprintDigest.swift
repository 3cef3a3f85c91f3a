/// A `match=` digest at the `fingerprint` level, decoded as Postfix's
/// `hex_decode_opt(…, HEX_DECODE_FLAG_ALLOW_COLON)` decodes it.
public struct FingerprintDigest: Sendable, Hashable {
    /// Postfix refuses longer input: 3 characters per byte of the widest digest (EVP_MAX_MD_SIZE 64).
    static let maximumTextLength = 3 * 64
    /// SHA-256, the digest Debian's `compatibility_level = 3.6` selects.
    public static let sha256Length = 32

    public let bytes: [UInt8]

    /// Decodes hex pairs, optionally separated by single colons (no leading or trailing colon);
    /// `nil` for anything Postfix would call a malformed fingerprint.
    public init?(_ text: Substring) {
        let input = Array(text.utf8)
        guard input.count <= FingerprintDigest.maximumTextLength else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(input.count / 2)
        var index = 0
        var remaining = input.count
        while remaining > 0 {
            guard remaining >= 2,
                  let high = ASCII.hexValue(input[index]), let low = ASCII.hexValue(input[index + 1])
            else { return nil }
            result.append(high << 4 | low)
            if remaining > 4 && input[index + 2] == UInt8(ascii: ":") {
                index += 1
                remaining -= 1
            }
            index += 2
            remaining -= 2
        }
        self.bytes = result
    }

    /// Splits a `match=` value on `|` (empty pieces vanish, as `argv_split` drops them).
    public static func pieces(of value: String) -> [Substring] {
        value.split(separator: "|")
    }
}
