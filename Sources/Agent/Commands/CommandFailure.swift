import ArgumentParser
import Foundation

/// A command's runtime failure: its message goes to standard error as `Error: ...` and the
/// process exits with status 1 (64 stays for usage errors).
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }

    /// Prints the message and returns the exit code to throw.
    func report() -> ExitCode {
        FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
        return ExitCode.failure
    }
}
