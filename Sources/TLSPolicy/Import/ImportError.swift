/// Why an import could not read its input or could not produce a dataset file.
/// Entry-level problems are never errors: they are drops in the `ImportReport`.
public enum ImportError: Error, Sendable, CustomStringConvertible {
    /// The file holds no table entry at all: probably not the list the format names.
    case noEntries(file: String, expected: String)
    /// The file is not JSON.
    case invalidJSON(file: String, reason: String)
    /// The JSON does not have the shape of the list (`policies` object missing, …).
    case unexpectedJSON(file: String, reason: String)
    /// The built file could not be formatted canonically (an entry that should have
    /// been dropped was kept: a bug in the importer, reported rather than written).
    case notCanonical(CanonicalFormatter.Refusal)

    public var description: String {
        switch self {
        case .noEntries(let file, let expected): "\(file): no table entries found; expected \(expected)"
        case .invalidJSON(let file, let reason): "\(file): not JSON: \(reason)"
        case .unexpectedJSON(let file, let reason): "\(file): not an EFF STARTTLS Everywhere policy list: \(reason)"
        case .notCanonical(let refusal): "\(refusal)"
        }
    }
}
