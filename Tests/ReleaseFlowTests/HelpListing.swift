import ExternalCommand
import Foundation
import TLSPolicyLab

/// The `--help` text of one of the package's programs (or one of its subcommands), as the
/// built binary prints it, and the question tests ask of it: is this option listed?
struct HelpListing {
    let command: [String]
    let text: String

    /// Runs `binary [subcommand] --help`; a non-zero exit (an unknown subcommand) throws.
    init(binary: ProductBinary, subcommand: String?) throws {
        let arguments = (subcommand.map { [$0] } ?? []) + ["--help"]
        command = [binary.url.lastPathComponent] + arguments
        let result = try binary.run(arguments, timeout: 30)
        guard result.exitStatus == 0 else {
            throw HelpListingError(command: command, termination: result.termination, output: result.stderrText + result.stdoutText)
        }
        // ArgumentParser answers `PROGRAM unknown --help` with the root's help and status 0:
        // only a usage line naming the subcommand proves it exists.
        if let subcommand, !result.stdoutText.contains("USAGE: \(command[0]) \(subcommand)") {
            throw HelpListingError(command: command, termination: result.termination,
                                   output: "no usage line for subcommand \(subcommand): " + result.stdoutText)
        }
        text = result.stdoutText
    }

    /// Runs `script --help` for a script of this repository.
    init(script: URL) throws {
        command = [script.path, "--help"]
        let result = try LabCommandRunner.run(command, timeout: 30)
        guard result.succeeded else {
            throw HelpListingError(command: command, termination: result.termination, output: result.stderrText + result.stdoutText)
        }
        text = result.stdoutText
    }

    /// True when `option` (`--shard`, `-o`) appears as a whole option name: `--format`
    /// does not count as listing `--form`.
    func lists(_ option: String) -> Bool {
        let escaped = NSRegularExpression.escapedPattern(for: option)
        guard let pattern = try? NSRegularExpression(pattern: "(?<![A-Za-z0-9-])\(escaped)(?![A-Za-z0-9-])") else { return false }
        return pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

/// `--help` failed: the subcommand (or the script) does not exist or is broken.
struct HelpListingError: Error, CustomStringConvertible {
    let command: [String]
    let termination: CommandResult.Termination
    let output: String
    var description: String {
        "`\(command.joined(separator: " "))` \(termination): \(output.prefix(400))"
    }
}
