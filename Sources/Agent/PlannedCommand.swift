import ArgumentParser
import Foundation

/// A subcommand whose command line is settled but whose work is not written
/// yet. Running it says so on standard error and exits with
/// ``PlannedCommand/notImplementedExitCode``, so a timer or script that calls
/// it fails visibly instead of believing a sync happened.
protocol PlannedCommand: ParsableCommand {
    var globalOptions: GlobalOptions { get }
}

extension PlannedCommand {
    /// Exit status of a planned command: distinct from 0 (success), 1
    /// (runtime failure) and 64 (usage error).
    static var notImplementedExitCode: ExitCode { ExitCode(2) }

    func run() throws {
        let name = Self.configuration.commandName ?? "command"
        let logger = globalOptions.makeLogger(command: name)
        logger.debug("command parsed; no implementation yet")
        let message = "Error: tls-policy-agent \(name) is not implemented yet.\n"
        FileHandle.standardError.write(Data(message.utf8))
        throw Self.notImplementedExitCode
    }
}
