import DurableFiles
import ExternalCommand
import Foundation

/// Why a deployment did not happen. Every case leaves the live map as it was, except
/// ``reloadFailed(_:)``-style tool failures after the swap, which say so.
public enum DeployError: Error, Sendable, CustomStringConvertible {
    /// A `TYPE:PATH` that names no deployable map.
    case invalidMap(String, reason: String)
    /// A file system call failed.
    case io(path: String, operation: String, reason: String)
    /// A Postfix command could not run, ran past its deadline, or failed.
    case command(CommandError)
    /// `postconf -m` does not list the map type on this host.
    case mapTypeUnavailable(MapType, available: [String])
    /// `postmap` built the map but dropped or doubted lines: the map would not say what
    /// was validated.
    case postmapWarnings(map: String, warnings: [String])
    /// `postmap -q` on the new map returned something other than the table says.
    case spotCheckFailed(key: String, expected: String, found: String?)
    /// `postfix check` failed; `detail` is what Postfix logged.
    case postfixCheckFailed(status: Int32?, detail: String)
    /// `postconf -h mail_version` printed no version.
    case unknownPostfixVersion(String)
    /// The swap happened, but reloading Postfix failed: the new map is live and Postfix
    /// picks it up at its next reload or restart.
    case reloadFailed(stderr: String)
    /// SHA-256 could not be computed (OpenSSL failure).
    case digestFailed(String)
    /// A Postfix command printed something other than what it prints.
    case unexpectedOutput(command: String, output: String)

    public var description: String {
        switch self {
        case .invalidMap(let text, let reason): "invalid map \"\(text)\": \(reason)"
        case .io(let path, let operation, let reason): "\(path): \(operation) failed: \(reason)"
        case .command(let error): error.description
        case .mapTypeUnavailable(let type, let available):
            "this Postfix does not support map type \(type.rawValue) (postconf -m lists: \(available.joined(separator: ", ")))"
        case .postmapWarnings(let map, let warnings):
            "postmap \(map) warned, so the built map differs from the table: \(warnings.joined(separator: "; "))"
        case .spotCheckFailed(let key, let expected, let found):
            "spot check of the new map failed for \(key): expected \"\(expected)\", postmap -q returned "
                + (found.map { "\"\($0)\"" } ?? "nothing")
        case .postfixCheckFailed(let status, let detail):
            "postfix check failed (status \(status.map(String.init) ?? "signal")): \(detail)"
        case .unknownPostfixVersion(let text): "cannot read the Postfix version from \"\(text)\""
        case .reloadFailed(let stderr): "the new map is in place but postfix reload failed: \(stderr)"
        case .digestFailed(let reason): "SHA-256 failed: \(reason)"
        case .unexpectedOutput(let command, let output): "\(command) printed unexpected output: \(output.prefix(200))"
        }
    }
}

extension DeployError {
    /// A file system failure as a deployment failure (``io(path:operation:reason:)``).
    public init(_ error: DurableFileError) {
        self = .io(path: error.path, operation: error.operation, reason: error.reason)
    }

    /// Runs a file operation; its failure becomes ``io(path:operation:reason:)``.
    static func file<T>(_ body: () throws(DurableFileError) -> T) throws(DeployError) -> T {
        do {
            return try body()
        } catch {
            throw DeployError(error)
        }
    }
}
