/// Character rules shared by the TXT record and policy file grammars (RFC 8461 3.1, 3.2).
enum MTASTSGrammar {
    /// `sts-ext-name` / `sts-policy-ext-name`: a letter or digit, then up to 31 letters,
    /// digits, `_`, `-` or `.` (so no name starts with `_`, `-` or `.`).
    static func isExtensionName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, first.isASCIIAlphanumeric, scalars.count <= 32 else { return false }
        return scalars.dropFirst().allSatisfy { $0.isASCIIAlphanumeric || $0 == "_" || $0 == "-" || $0 == "." }
    }
}

extension Unicode.Scalar {
    /// ABNF ALPHA / DIGIT.
    var isASCIIAlphanumeric: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }
}

extension Character {
    /// ABNF WSP: a space or a horizontal tab.
    var isWSP: Bool { self == " " || self == "\t" }
}
