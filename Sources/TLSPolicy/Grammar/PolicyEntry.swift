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
        ([level.rawValue] + attributes.map(\.tableText)).joined(separator: " ")
    }

    /// The whole table line, key and value separated by one space.
    public var tableLine: String { "\(key.text) \(valueText)" }
}
