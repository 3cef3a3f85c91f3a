/// A short reason, as the failure of a value parser.
public struct ReasonText: Error, Sendable, Equatable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var text: String
    public init(stringLiteral value: String) { text = value }
    public init(_ text: String) { self.text = text }
    public var description: String { text }
}
