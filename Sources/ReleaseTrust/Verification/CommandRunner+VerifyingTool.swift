import ExternalCommand
import Foundation

extension CommandRunner {
    /// Runs a verifying tool (`ssh-keygen`, `gpgv`) with `input` on standard input. A tool
    /// that cannot run, runs past the deadline or prints too much is
    /// ``ReleaseTrustError/toolFailed(tool:reason:)``: no verdict, so the release is refused.
    func runVerifyingTool(_ executable: String, _ arguments: [String], input: [UInt8]) async throws(ReleaseTrustError) -> CommandResult {
        do {
            return try await run(executable, arguments, input: input)
        } catch {
            throw .toolFailed(tool: (executable as NSString).lastPathComponent, reason: error.description)
        }
    }
}
