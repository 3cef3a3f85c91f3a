/// A TLSA record (RFC 6698): which certificate or key a TLS server must present.
public struct TLSARecord: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Certificate usage: 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE.
    public let usage: UInt8
    /// 0: the full certificate, 1: its SubjectPublicKeyInfo.
    public let selector: UInt8
    /// 0: the data itself, 1: SHA-256, 2: SHA-512.
    public let matchingType: UInt8
    /// The association data (a digest, or the DER bytes for matching type 0).
    public let data: [UInt8]

    /// A record with these fields.
    public init(usage: UInt8, selector: UInt8, matchingType: UInt8, data: [UInt8]) {
        self.usage = usage
        self.selector = selector
        self.matchingType = matchingType
        self.data = data
    }

    /// True for the usages Postfix hands to OpenSSL for SMTP (RFC 7672): DANE-TA(2) and DANE-EE(3).
    public var isUsableForSMTP: Bool { usage == 2 || usage == 3 }

    /// `3 1 1 abcd…`, the presentation form.
    public var description: String { "\(usage) \(selector) \(matchingType) \(dataHex)" }

    /// The association data as lower-case hex, the presentation form.
    public var dataHex: String {
        let digits = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(data.count * 2)
        for byte in data {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }
}
