/// One TLSA record (RFC 6698) for the MX host, already looked up and DNSSEC-validated by the caller.
public struct TLSARecord: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Certificate usage: 2 is DANE-TA, 3 is DANE-EE; Postfix treats 0 and 1 as unusable for SMTP.
    public let usage: UInt8
    /// Selector: 0 the full certificate, 1 the SubjectPublicKeyInfo.
    public let selector: UInt8
    /// Matching type: 0 exact, 1 SHA2-256, 2 SHA2-512.
    public let matchingType: UInt8
    /// The certificate association data (raw bytes, not hex).
    public let data: [UInt8]

    /// A record from its four fields.
    public init(usage: UInt8, selector: UInt8, matchingType: UInt8, data: [UInt8]) {
        self.usage = usage
        self.selector = selector
        self.matchingType = matchingType
        self.data = data
    }

    /// True for the usages Postfix hands to OpenSSL (RFC 7672: DANE-TA(2) and DANE-EE(3)).
    public var isUsableForSMTP: Bool { usage == 2 || usage == 3 }

    /// `3 1 1 abcd…`, the presentation form.
    public var description: String {
        "\(usage) \(selector) \(matchingType) " + data.map { String(format2: $0) }.joined()
    }
}

extension String {
    /// Two lower-case hex digits for a byte (without Foundation's `String(format:)`).
    init(format2 byte: UInt8) {
        let digits = Array("0123456789abcdef")
        self = String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
    }
}
