/// Postfix's `valid_hostname()` (without wildcards), which `servername=` and
/// `policy_domain=` values must pass.
enum HostnameSyntax {
    static let maximumLabelLength = 63
    static let maximumLength = 255

    /// Why `name` is not a valid hostname, or `nil` when Postfix accepts it.
    static func problem<Bytes: Collection>(in name: Bytes) -> String? where Bytes.Element == UInt8 {
        if name.isEmpty { return "empty hostname" }
        var labelLength = 0
        var nonNumeric = false
        var index = name.startIndex
        var count = 0
        while index != name.endIndex {
            let byte = name[index]
            let next = name.index(after: index)
            let nextByte: UInt8? = next == name.endIndex ? nil : name[next]
            count += 1
            if ASCII.isAlphaNumeric(byte) || byte == UInt8(ascii: "_") {
                labelLength += 1
                if labelLength > maximumLabelLength { return "a label is longer than 63 characters" }
                if !ASCII.isDigit(byte) { nonNumeric = true }
            } else if byte == UInt8(ascii: ".") {
                if labelLength == 0 || nextByte == nil { return "misplaced '.'" }
                labelLength = 0
            } else if byte == UInt8(ascii: "-") {
                nonNumeric = true
                labelLength += 1
                if labelLength == 1 || nextByte == nil || nextByte == UInt8(ascii: ".") {
                    return "misplaced '-'"
                }
            } else {
                return "invalid character \(byte) (decimal)"
            }
            index = next
        }
        if !nonNumeric { return "numeric hostname" }
        if count > maximumLength { return "longer than 255 characters" }
        return nil
    }
}
