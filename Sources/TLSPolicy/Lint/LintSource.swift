/// A file handed to lint: its name as the user gave it, and its bytes.
public struct LintSource: Sendable {
    public var name: String
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}
