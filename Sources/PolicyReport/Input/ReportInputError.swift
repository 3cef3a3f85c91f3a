/// Why a probe results file cannot go into a report: the file, and what is wrong with it.
public enum ReportInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// The file is not probe JSON (syntax, a missing or mistyped field).
    case invalid(file: String, reason: String)
    /// The file is probe JSON of a schema version this report does not know.
    case unsupportedVersion(file: String, version: Int)
    /// The file is a blind run (``PolicyProbe/BlindRunner``): its host could not reach port 25,
    /// so its `unreachable` verdicts are no results and must not read as "nothing wrong".
    case blindRun(file: String, message: String)

    /// The file the error is about.
    public var file: String {
        switch self {
        case .unreadable(let file, _), .invalid(let file, _), .unsupportedVersion(let file, _), .blindRun(let file, _): file
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): "\(file): cannot read: \(reason)"
        case .invalid(let file, let reason): "\(file): not a probe results file (probe --format json): \(reason)"
        case .unsupportedVersion(let file, let version):
            "\(file): probe JSON schema version \(version) is not supported (this report reads version 1)"
        case .blindRun(let file, let message):
            "\(file): refusing a blind run, not merged: \(message) (probe it again from a host that can connect out on port 25)"
        }
    }
}
