import Foundation

/// What one finished command left behind: its exit status and everything it printed.
public struct CommandResult: Sendable {
    /// The command as it was run (for namespaced commands: the command inside the namespace).
    public let argv: [String]
    /// The exit status, or 128 + the signal number when a signal ended the command.
    public let exitStatus: Int32
    /// True when a signal, not `exit`, ended the command.
    public let endedBySignal: Bool
    /// Raw standard output.
    public let stdout: Data
    /// Raw standard error.
    public let stderr: Data
    /// Wall-clock time from launch to exit.
    public let duration: TimeInterval

    /// A result with every field given (``CommandRunner`` makes them).
    public init(argv: [String], exitStatus: Int32, endedBySignal: Bool, stdout: Data, stderr: Data, duration: TimeInterval) {
        self.argv = argv
        self.exitStatus = exitStatus
        self.endedBySignal = endedBySignal
        self.stdout = stdout
        self.stderr = stderr
        self.duration = duration
    }

    /// Standard output decoded as UTF-8; invalid bytes become U+FFFD, since Postfix echoes
    /// non-UTF-8 table lines back in its warnings.
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

    /// Standard error decoded as UTF-8 (invalid bytes become U+FFFD).
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// True when the command exited by itself with status 0.
    public var succeeded: Bool { exitStatus == 0 && !endedBySignal }

    /// Returns `self` when the command succeeded, else throws ``LabError/commandFailed(argv:exitStatus:stderr:)``.
    @discardableResult
    public func checked() throws -> CommandResult {
        guard succeeded else {
            throw LabError.commandFailed(argv: argv, exitStatus: exitStatus, stderr: stderrText)
        }
        return self
    }
}
