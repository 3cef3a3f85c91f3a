/// A fixed string the parser looks for, with the byte its search starts from: the needle's
/// rarest byte in log text, so that `memchr` stops at few false candidates. The hot
/// patterns are constants (``LogPattern/recipient`` …) so that the choice is made once.
struct LogPattern {
    let text: StaticString
    /// The offset in `text` of the byte `memchr` looks for.
    let anchorOffset: Int

    init(_ text: StaticString) {
        self.text = text
        var offset = 0
        var best = Int.max
        for index in 0..<text.utf8CodeUnitCount {
            let rank = Self.commonness(text.utf8Start[index])
            if rank < best { best = rank; offset = index }
        }
        self.anchorOffset = offset
    }

    /// The middle of a TLS summary line.
    static let tlsEstablished = LogPattern(" TLS connection established to ")
    /// The end of the syslog prefix.
    static let prefixEnd = LogPattern("]: ")
    /// The end of a recipient address.
    static let addressEnd = LogPattern(">, ")
    /// The status field.
    static let status = LogPattern(", status=")
    /// The end of a TLS line's `HOST[ADDRESS]:PORT`.
    static let portEnd = LogPattern(": ")
    /// Between a TLS line's protocol and cipher.
    static let withCipher = LogPattern(" with cipher ")

    /// How common a byte is in Postfix's log lines, roughly (0 rarest).
    private static func commonness(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "@"): 0
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): 1
        case UInt8(ascii: "="): 2
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): 4
        case UInt8(ascii: " "): 5
        default: 3
        }
    }

}
