/// Reads `fingerprint` level digests: hex, with or without colons, of a SHA-256 digest's
/// length (`smtp_tls_fingerprint_digest = sha256`, Postfix's default since compatibility level 3.6).
enum FingerprintParser {
    static func parse(_ text: String) throws -> [UInt8] {
        let hex = Array(text.filter { $0 != ":" }.utf8)
        guard hex.count == 64 else { throw TLSProbeError.invalidFingerprint(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var index = 0
        while index < hex.count {
            guard let high = value(of: hex[index]), let low = value(of: hex[index + 1]) else {
                throw TLSProbeError.invalidFingerprint(text)
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
