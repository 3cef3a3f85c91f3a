import ArgumentParser
import Foundation

/// A bad option or argument, said in the command's own words (exit status 2).
struct UsageError: Error, CustomStringConvertible {
    var description: String
}

extension ExitCode {
    /// Runs a subcommand's work: an exit status it throws passes through; any other error
    /// (a ``UsageError``, an input that cannot be read) is printed as
    /// `tls-policy-validator COMMAND: ERROR` and becomes ``usageOrIOError``.
    static func reportingErrors(of command: String, _ work: () async throws -> Void) async throws {
        do {
            try await work()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("tls-policy-validator \(command): \(error)\n".utf8))
            throw ExitCode.usageOrIOError
        }
    }
}
