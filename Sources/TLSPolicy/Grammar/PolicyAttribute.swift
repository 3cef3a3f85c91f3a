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
        let needsBraces = value.utf8.contains { ASCII.isPolicySeparator($0) || $0 == UInt8(ascii: "{") }
        return needsBraces ? "{ \(name.rawValue) = \(value) }" : "\(name.rawValue)=\(value)"
    }
}
