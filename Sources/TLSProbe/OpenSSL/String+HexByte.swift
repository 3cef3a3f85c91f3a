extension String {
    /// Two lower-case hex digits for a byte (without Foundation's `String(format:)`).
    init(format2 byte: UInt8) {
        let digits = Array("0123456789abcdef")
        self = String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
    }
}
