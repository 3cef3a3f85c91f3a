/// Why the bytes of a tag object are not a well-formed release tag. `line` is
/// the 1-based line of the tag object (as `git cat-file tag` prints it).
public enum TagParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A header is missing, out of order, duplicated or malformed.
    case malformedHeader(line: Int, reason: String)
    /// The tag object is not valid UTF-8 where text is required.
    case notUTF8(line: Int)
    /// A signature block has no END line of its kind.
    case unterminatedSignature(line: Int, kind: TagSignature.Kind)

    public var description: String {
        switch self {
        case .malformedHeader(let line, let reason):
            return "tag object line \(line): \(reason)"
        case .notUTF8(let line):
            return "tag object line \(line): not valid UTF-8"
        case .unterminatedSignature(let line, let kind):
            return "tag object line \(line): \(kind.rawValue) signature block has no END line"
        }
    }
}
