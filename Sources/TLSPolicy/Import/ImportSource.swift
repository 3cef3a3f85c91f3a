/// One input file of an import: its name as the user gave it (used in every
/// message) and its bytes. The importers do no I/O of their own.
public struct ImportSource: Sendable {
    public var name: String
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}
