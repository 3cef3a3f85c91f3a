import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

extension CommandRunner {
    /// Runs `program arguments…` like ``run(_:_:input:timeout:)``, but hands its standard
    /// output to `consume` block by block as it arrives instead of collecting it: for
    /// output larger than memory should hold (`gzip -dc` of a month of mail logs).
    ///
    /// Reading is paced by `consume`: the program blocks on a full pipe while `consume`
    /// works, so memory stays at one pipe block whatever the output's size. Standard error
    /// is collected up to ``outputLimit``; the returned result's `stdout` is empty.
    ///
    /// - Throws: ``CommandError`` when the program cannot start or runs past the deadline
    ///   (its process group is killed, and the output read so far has been consumed);
    ///   whatever `consume` throws (the program is then killed too).
    public func stream(_ program: String, _ arguments: [String], timeout: Duration? = nil,
                       consume: (UnsafeRawBufferPointer) throws -> Void) async throws -> CommandResult {
        let argv = wrapper + [program] + arguments
        let executable = try ExecutableSearch.locate(argv[0])
        let deadline = timeout ?? self.timeout
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [.send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .seconds(1))]

        let outcome: ExecutionResult<Bool, SequenceOutput, BytesOutput>
        do {
            outcome = try await Subprocess.run(
                .path(FilePath(executable)), arguments: Arguments(Array(argv.dropFirst())),
                environment: .inherit.updating(["LC_ALL": "C", "LANG": "C"]),
                platformOptions: options, input: .none, output: .sequence, error: .bytes(limit: outputLimit)
            ) { execution in
                // The deadline kills the process group, which ends the output sequence.
                let timer = Task {
                    try? await Task.sleep(for: deadline)
                    guard !Task.isCancelled else { return false }
                    try? execution.send(signal: .kill, toProcessGroup: true)
                    return true
                }
                do {
                    for try await block in execution.standardOutput {
                        try block.withUnsafeBytes { try consume($0) }
                    }
                } catch {
                    timer.cancel()
                    try? execution.send(signal: .kill, toProcessGroup: true)
                    throw error
                }
                timer.cancel()
                return await timer.value
            }
        } catch let error as SubprocessError where error.code == .outputLimitExceeded {
            throw CommandError.outputLimitExceeded(argv: argv, limit: outputLimit)
        } catch let error as SubprocessError {
            throw CommandError.launchFailed(argv: argv, reason: "\(error)")
        }
        if outcome.closureResult { throw CommandError.timedOut(argv: argv, after: deadline) }
        let termination: CommandResult.Termination = switch outcome.terminationStatus {
        case .exited(let code): .exited(code)
        case .signaled(let signal): .signalled(signal)
        }
        return CommandResult(argv: argv, termination: termination, stdout: [], stderr: outcome.standardError)
    }
}
