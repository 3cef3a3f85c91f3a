import ExternalCommand
import Foundation
import TLSPolicyLab

/// Runs the `tls-policy-validator` built next to this test bundle (found by the lab's
/// ``ProductBinary``; a missing binary is a test failure, never a skip).
enum ValidatorBinary {
    static let productName = "tls-policy-validator"

    /// Why lint's output could not be used.
    enum Failure: Error, CustomStringConvertible {
        case usageOrIOError(argv: [String], termination: CommandResult.Termination, stderr: String)
        case badJSON(argv: [String], error: String, stdout: String)

        var description: String {
            switch self {
            case .usageOrIOError(let argv, let termination, let stderr):
                return "\(argv.joined(separator: " ")) \(termination) (usage or I/O error): \(stderr)"
            case .badJSON(let argv, let error, let stdout):
                return "\(argv.joined(separator: " ")) printed JSON that does not decode (\(error)): \(stdout.prefix(500))"
            }
        }
    }

    /// Runs `lint --rules postfix --postfix-version VERSION --format json FILE` and decodes
    /// its output. Exit 0 (clean) and 1 (errors) are results; 2 is a failure.
    static func lint(_ file: URL, postfixVersion: String = "3.7", extraArguments: [String] = []) throws -> LintDocument {
        let binary = try ProductBinary.named(productName)
        let argv = [binary.url.path, "lint", "--rules", "postfix", "--postfix-version", postfixVersion, "--format", "json"]
            + extraArguments + [file.path]
        // The lab's runner: a deadline, and the whole process tree killed when it passes.
        let result = try LabCommandRunner.run(argv, timeout: 120)
        guard result.exitStatus == 0 || result.exitStatus == 1 else {
            throw Failure.usageOrIOError(argv: argv, termination: result.termination, stderr: result.stderrText)
        }
        do {
            return try JSONDecoder().decode(LintDocument.self, from: Data(result.stdout))
        } catch {
            throw Failure.badJSON(argv: argv, error: "\(error)", stdout: result.stdoutText)
        }
    }
}
