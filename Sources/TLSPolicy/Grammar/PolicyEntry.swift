/// A policy table entry that the target Postfix accepts: where mail for `key` goes,
/// with which TLS requirements.
public struct PolicyEntry: Sendable, Hashable {
    public var key: PolicyKey
    public var level: SecurityLevel
    public var attributes: [PolicyAttribute]

    public init(key: PolicyKey, level: SecurityLevel, attributes: [PolicyAttribute] = []) {
        self.key = key
        self.level = level
        self.attributes = attributes
    }

    /// The values of every instance of `name`, in order.
    public func values(of name: AttributeName) -> [String] {
        attributes.compactMap { $0.name == name ? $0.value : nil }
    }

    /// The `match=` patterns at `verify`/`secure`, split on `:` as Postfix splits them
    /// (empty pieces vanish); `nil` when the entry has no `match=`.
    public var matchPatterns: [MatchPattern]? {
        let values = values(of: .match)
        guard !values.isEmpty, level.isPKIX else { return nil }
        return values.flatMap { $0.split(separator: ":").map { MatchPattern(String($0)) } }
    }

    /// The value as written in a table: `level attr=value …`, names in lower case.
    public var valueText: String {
        var bytes: [UInt8] = []
        PolicyEntry.appendValueText(level: level, attributes: attributes, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``valueText`` of an entry with `level` and `attributes`, appended to `out` as bytes.
    ///
    /// - Returns: whether an attribute value holds a brace or a separator (see
    ///   ``PolicyAttribute/appendTableText(to:)``).
    @discardableResult
    static func appendValueText<Attributes: Sequence<PolicyAttribute>>(
        level: SecurityLevel, attributes: Attributes, to out: inout [UInt8]
    ) -> Bool {
        var level = level.rawValue
        level.withUTF8 { out.append(contentsOf: $0) }
        var mayReadDifferently = false
        for attribute in attributes {
            out.append(UInt8(ascii: " "))
            if attribute.appendTableText(to: &out) { mayReadDifferently = true }
        }
        return mayReadDifferently
    }

    /// The whole table line, key and value separated by one space.
    public var tableLine: String { "\(key.text) \(valueText)" }
}
