import ArgumentParser
import PolicySync

/// A command's failure: its message goes to standard error as `Error: ...` and the
/// process exits with the contract's status (see ``ExitStatus``).
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var status: Int32

    /// A failed run or a refused release (exit 1).
    static func failure(_ message: String) -> CommandFailure { CommandFailure(message: message, status: ExitStatus.failure) }
    /// A usage or configuration error, or a local file that cannot be read or written (exit 2).
    static func usage(_ message: String) -> CommandFailure { CommandFailure(message: message, status: ExitStatus.usage) }

    /// A failed run: exit 2 when a local file could not be read or written, 1 otherwise.
    static func run(_ message: String, isLocalIOError: Bool) -> CommandFailure {
        isLocalIOError ? .usage(message) : .failure(message)
    }

    /// A failed sync or verify.
    static func run(_ failure: SyncFailure) -> CommandFailure {
        run(failure.description, isLocalIOError: failure.isLocalIOError)
    }

    var description: String { message }

    /// Prints the message and returns the exit code to throw.
    func report() -> ExitCode {
        StandardError.error(message)
        return ExitCode(status)
    }
}
