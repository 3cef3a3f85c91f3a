/// Where an imported or dropped entry came from: the input file and, when the
/// format has lines worth naming, the 1-based line.
public struct ImportLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?

    public init(file: String, line: Int?) {
        self.file = file
        self.line = line
    }

    /// `FILE:LINE`, or `FILE` when the line is unknown.
    public var description: String { line.map { "\(file):\($0)" } ?? file }
}
