import Foundation
import Subprocess
import SystemPackage

/// Runs a verifying tool (`ssh-keygen`, `gpgv`) with swift-subprocess: input
/// from memory, output captured with a size bound, killed after a deadline.
struct ToolRunner: Sendable {
    /// The deadline for one run.
    let timeout: Duration
    /// The most bytes kept of each output stream.
    let outputLimit = 1 << 20

    func run(_ executable: String, _ arguments: [String], input: [UInt8]) async throws(ReleaseTrustError) -> ToolOutput {
        let name = (executable as NSString).lastPathComponent
        let limit = outputLimit
        let deadline = timeout
        do {
            let output = try await withThrowingTaskGroup(of: ToolOutput?.self) { group in
                group.addTask {
                    let result = try await Subprocess.run(
                        .path(FilePath(executable)),
                        arguments: Arguments(arguments),
                        // The C locale keeps messages stable; nothing else of ours is needed.
                        environment: .inherit.updating(["LC_ALL": "C", "LANG": "C"]),
                        input: .array(input),
                        output: .bytes(limit: limit),
                        error: .bytes(limit: limit)
                    )
                    let status: Int32?
                    switch result.terminationStatus {
                    case .exited(let code): status = code
                    default: status = nil
                    }
                    return ToolOutput(exitStatus: status, standardOutput: result.standardOutput,
                                      standardError: result.standardError)
                }
                group.addTask {
                    try await Task.sleep(for: deadline)
                    return nil
                }
                // The first to finish wins; cancelling the other kills the tool if it still runs.
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
            guard let output else {
                throw ReleaseTrustError.toolFailed(tool: name, reason: "did not finish within \(deadline) and was killed")
            }
            return output
        } catch let error as ReleaseTrustError {
            throw error
        } catch {
            throw .toolFailed(tool: name, reason: "\(error)")
        }
    }
}
