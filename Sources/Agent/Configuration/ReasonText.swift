/// A short reason, as the failure of a value parser.
struct ReasonText: Error, Sendable, Equatable, ExpressibleByStringLiteral, CustomStringConvertible {
    var text: String
    init(stringLiteral value: String) { text = value }
    init(_ text: String) { self.text = text }
    var description: String { text }
}
