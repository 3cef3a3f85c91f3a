import ExternalCommand
import Foundation

/// Everything that can go wrong while the lab starts, drives or stops its servers.
///
/// Each case carries enough context (the command, its output, the path)
/// for a failing test to say what happened without re-running it.
public enum LabError: Error, CustomStringConvertible, Sendable {
    /// The lab needs root (namespaces, Postfix's master, port 25).
    case notRoot
    /// A program the lab needs is not installed.
    case missingProgram(String)
    /// A command could not be launched at all.
    case launchFailed(argv: [String], reason: String)
    /// A server the lab started exited or never became ready; `output` is what it printed.
    case serverNotStarted(argv: [String], output: String)
    /// A command ran but printed something other than what the lab expects of it.
    case unexpectedOutput(argv: [String], output: String)
    /// A command did not finish in time; it and its descendants were killed.
    case timedOut(argv: [String], seconds: TimeInterval, stderr: String)
    /// A condition the lab waits for (a PID, a port, a log line) did not come true in time.
    case waitTimedOut(what: String, seconds: TimeInterval)
    /// A process the lab started did not die after SIGTERM and SIGKILL.
    case processDidNotStop(pid: Int32, what: String)
    /// The namespace could not be created or turned out not to be private.
    case namespaceSetupFailed(String)
    /// A file could not be read or written.
    case fileError(path: String, reason: String)
    /// Not every recipient reached a final status before the deadline.
    case deliveryTimedOut(missing: [String], seen: [String: DeliveryStatus], seconds: TimeInterval)
    /// A value given to the lab cannot be used (for example a malformed DNS name).
    case invalidArgument(String)

    /// The error in words, with its context.
    public var description: String {
        switch self {
        case .notRoot:
            return "the lab needs root (network/mount/PID namespaces, Postfix's master, port 25)"
        case .missingProgram(let name):
            return "program not installed: \(name)"
        case .launchFailed(let argv, let reason):
            return "could not launch \(Self.render(argv)): \(reason)"
        case .serverNotStarted(let argv, let output):
            return "\(Self.render(argv)) did not start: \(Self.excerpt(output))"
        case .unexpectedOutput(let argv, let output):
            return "\(Self.render(argv)) printed what the lab did not expect: \(Self.excerpt(output))"
        case .timedOut(let argv, let seconds, let stderr):
            return "\(Self.render(argv)) did not finish within \(seconds) s and was killed; stderr: \(Self.excerpt(stderr))"
        case .waitTimedOut(let what, let seconds):
            return "timed out after \(seconds) s waiting for \(what)"
        case .processDidNotStop(let pid, let what):
            return "process \(pid) (\(what)) did not stop after SIGTERM and SIGKILL"
        case .namespaceSetupFailed(let why):
            return "namespace setup failed: \(why)"
        case .fileError(let path, let reason):
            return "\(path): \(reason)"
        case .deliveryTimedOut(let missing, let seen, let seconds):
            let shown = missing.prefix(5).joined(separator: ", ")
            return "after \(seconds) s, \(missing.count) recipient(s) had no final status (\(seen.count) had one): \(shown)\(missing.count > 5 ? ", ..." : "")"
        case .invalidArgument(let why):
            return "invalid argument: \(why)"
        }
    }

    static func render(_ argv: [String]) -> String { CommandError.render(argv) }

    static func excerpt(_ text: String) -> String {
        let excerpt = CommandError.excerpt(text)
        return excerpt.isEmpty ? "(no stderr)" : excerpt
    }
}
