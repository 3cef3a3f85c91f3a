/// One `name=value` attribute of a policy entry, after Postfix's own trimming.
public struct PolicyAttribute: Sendable, Hashable {
    public var name: AttributeName
    public var value: String

    public init(_ name: AttributeName, _ value: String) {
        self.name = name
        self.value = value
    }

    /// The attribute as it is written in a table. A value that holds separators
    /// (possible only inside a 3.10 brace group) is written as a brace group again.
    public var tableText: String {
        var bytes: [UInt8] = []
        appendTableText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``tableText`` appended to `out` as bytes: the renderer writes every attribute of
    /// every entry, and needs no `String` for it.
    ///
    /// - Returns: whether the value holds a brace or a separator, the one case where the
    ///   table text can read differently than the value was read (see ``TableValueText``).
    @discardableResult
    func appendTableText(to out: inout [UInt8]) -> Bool {
        var value = value
        var name = name.rawValue
        return value.withUTF8 { value in
            var needsBraces = false
            var closes = false
            for byte in value {
                if ASCII.isPolicySeparator(byte) || byte == UInt8(ascii: "{") {
                    needsBraces = true
                } else if byte == UInt8(ascii: "}") {
                    closes = true
                }
            }
            name.withUTF8 { name in
                if needsBraces {
                    out.append(contentsOf: "{ ".utf8)
                    out.append(contentsOf: name)
                    out.append(contentsOf: " = ".utf8)
                    out.append(contentsOf: value)
                    out.append(contentsOf: " }".utf8)
                } else {
                    out.append(contentsOf: name)
                    out.append(UInt8(ascii: "="))
                    out.append(contentsOf: value)
                }
            }
            return needsBraces || closes
        }
    }
}
