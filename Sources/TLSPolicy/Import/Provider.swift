/// A mail provider: the unit of one dataset file (`<slug>.policy`).
public struct Provider: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Lower-case file-name stem: letters, digits, `.`, `-` and `_` only.
    public let slug: String
    /// The name written in the file's `# Provider:` header.
    public let displayName: String

    /// A provider with an explicit slug and name (the well-known ones in `ProviderCatalog`).
    public init(slug: String, displayName: String) {
        self.slug = Provider.sanitized(slug)
        self.displayName = displayName
    }

    /// A provider known only by its registrable domain, which is both its slug and its name.
    public init(registrableDomain: String) {
        let domain = registrableDomain.lowercased()
        self.init(slug: domain, displayName: domain)
    }

    /// The dataset file that holds the provider's entries.
    public var fileName: String { "\(slug).\(Dataset.fileExtension)" }

    public var description: String { displayName }

    public static func < (lhs: Provider, rhs: Provider) -> Bool {
        lhs.slug.utf8.lexicographicallyPrecedes(rhs.slug.utf8)
    }

    /// Keeps a slug a plain file name whatever the input: a domain taken from a list
    /// must never become a path (`/`, `..`) or a hidden file.
    private static func sanitized(_ text: String) -> String {
        var bytes = text.lowercased().utf8.map { byte -> UInt8 in
            let allowed = ASCII.isAlphaNumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: ".")
            return allowed && byte < 0x80 ? byte : UInt8(ascii: "_")
        }
        while bytes.first == UInt8(ascii: ".") { bytes[0] = UInt8(ascii: "_") }
        if bytes.isEmpty { bytes = Array("unnamed".utf8) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
