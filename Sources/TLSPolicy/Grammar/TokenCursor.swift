/// Tokens of a policy value: `mystrtok()` over ", \t\r\n", or from Postfix 3.10
/// `mystrtokq()`, where separators inside `{ }` do not split.
struct TokenCursor {
    let bytes: ArraySlice<UInt8>
    let braces: Bool
    var index: Int

    init(bytes: ArraySlice<UInt8>, braces: Bool) {
        self.bytes = bytes
        self.braces = braces
        self.index = bytes.startIndex
    }

    mutating func next() -> Range<Int>? {
        let end = bytes.endIndex
        while index < end && ASCII.isPolicySeparator(bytes[index]) { index += 1 }
        guard index < end else { return nil }
        let start = index
        var level = 0
        while index < end {
            let byte = bytes[index]
            if braces && byte == UInt8(ascii: "{") {
                level += 1
            } else if braces && level > 0 && byte == UInt8(ascii: "}") {
                level -= 1
            } else if level == 0 && ASCII.isPolicySeparator(byte) {
                break
            }
            index += 1
        }
        return start..<index
    }
}
