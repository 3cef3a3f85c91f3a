/// What one finished external command left behind: how it ended and what it printed.
///
/// The one result type for every program the project runs, whichever runner ran it
/// (``CommandRunner`` in the tools, the lab's synchronous runner in tests).
public struct CommandResult: Sendable {
    /// How a command ended.
    public enum Termination: Sendable, Hashable, CustomStringConvertible {
        /// It called `exit` with this status.
        case exited(Int32)
        /// This signal ended it (a deadline's SIGKILL, a crash).
        case signalled(Int32)

        public var description: String {
            switch self {
            case .exited(let status): "exited with status \(status)"
            case .signalled(let signal): "was killed by signal \(signal)"
            }
        }
    }

    /// The command as it was run (a wrapper such as `nsenter …` included, unless the
    /// caller chose to name the command inside it).
    public let argv: [String]
    public let termination: Termination
    /// Raw standard output.
    public let stdout: [UInt8]
    /// Raw standard error.
    public let stderr: [UInt8]

    public init(argv: [String], termination: Termination, stdout: [UInt8], stderr: [UInt8]) {
        self.argv = argv
        self.termination = termination
        self.stdout = stdout
        self.stderr = stderr
    }

    /// The exit status, or `nil` when a signal ended the command.
    public var exitStatus: Int32? {
        if case .exited(let status) = termination { return status }
        return nil
    }

    /// True when the command exited by itself with status 0.
    public var succeeded: Bool { termination == .exited(0) }

    /// Standard output decoded as UTF-8; invalid bytes become U+FFFD (Postfix echoes
    /// non-UTF-8 table lines back in its warnings).
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

    /// Standard error decoded as UTF-8; invalid bytes become U+FFFD.
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// `self` when the command succeeded, else ``CommandError/failed(argv:termination:stderr:)``.
    @discardableResult
    public func checked() throws(CommandError) -> CommandResult {
        guard succeeded else { throw .failed(argv: argv, termination: termination, stderr: stderrText) }
        return self
    }
}
