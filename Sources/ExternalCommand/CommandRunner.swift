import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs external programs (postconf, postmap, postfix, ssh-keygen, gpgv) through
/// swift-subprocess, each one bounded in time and in output.
///
/// - Each command runs in a session of its own, and a deadline kills that whole process
///   group: `postfix` runs `postfix-script`, which runs more, and none may outlive it.
/// - Programs named without a `/` are looked up with ``ExecutableSearch`` (system
///   directories before `PATH`).
/// - The environment is the caller's with the C locale, so that the messages callers
///   read do not change with the host's language.
/// - Standard output and standard error are collected through pipes, up to a limit each;
///   a command that prints more is stopped (``CommandError/outputLimitExceeded(argv:limit:)``).
///   The result is complete when the command has exited and both pipes are closed, so a
///   command that leaves a daemon holding its output open is not for this runner (the
///   test lab starts such daemons with a runner of its own).
public struct CommandRunner: Sendable {
    /// Words put before every command, for example `nsenter --target PID --mount --pid --`
    /// when the programs must run in other namespaces than the caller.
    public var wrapper: [String]
    /// The deadline for one command, unless a call gives its own.
    public var timeout: Duration
    /// The most bytes kept of each output stream (standard output, standard error).
    public var outputLimit: Int

    /// A runner with a deadline and an output limit (by default 64 MiB a stream, enough
    /// for `postmap -s` of a large map; memory is taken only as output arrives).
    public init(wrapper: [String] = [], timeout: Duration = .seconds(120), outputLimit: Int = 64 << 20) {
        self.wrapper = wrapper
        self.timeout = timeout
        self.outputLimit = outputLimit
    }

    /// Runs `program arguments…` (behind the wrapper) with `input` on standard input (none:
    /// an empty one), and returns how it ended and what it printed, whatever its exit status.
    ///
    /// - Throws: ``CommandError``: the program was not found or could not start, ran past
    ///   `timeout` (or the runner's), or printed more than ``outputLimit`` on a stream.
    public func run(_ program: String, _ arguments: [String], input: [UInt8]? = nil,
                    timeout: Duration? = nil) async throws(CommandError) -> CommandResult {
        let argv = wrapper + [program] + arguments
        let executable = try ExecutableSearch.locate(argv[0])
        let deadline = timeout ?? self.timeout
        let limit = outputLimit
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [.send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .seconds(1))]
        let platformOptions = options

        let outcome: CommandResult?
        do {
            outcome = try await withThrowingTaskGroup(of: CommandResult?.self) { group in
                group.addTask {
                    func launch(_ input: some InputProtocol) async throws -> CommandResult {
                        let result = try await Subprocess.run(
                            .path(FilePath(executable)), arguments: Arguments(Array(argv.dropFirst())),
                            environment: .inherit.updating(["LC_ALL": "C", "LANG": "C"]),
                            platformOptions: platformOptions, input: input,
                            output: .bytes(limit: limit), error: .bytes(limit: limit))
                        return CommandResult(argv: argv, termination: Self.termination(result.terminationStatus),
                                             stdout: result.standardOutput, stderr: result.standardError)
                    }
                    if let input { return try await launch(.array(input)) }
                    return try await launch(.none)
                }
                group.addTask {
                    try await Task.sleep(for: deadline)
                    return nil
                }
                // The first to finish wins; cancelling the command runs its teardown
                // sequence, which kills its process group.
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
        } catch let error as SubprocessError where error.code == .outputLimitExceeded {
            throw .outputLimitExceeded(argv: argv, limit: limit)
        } catch {
            throw .launchFailed(argv: argv, reason: "\(error)")
        }
        guard let outcome else { throw .timedOut(argv: argv, after: deadline) }
        return outcome
    }

    private static func termination(_ status: TerminationStatus) -> CommandResult.Termination {
        switch status {
        case .exited(let code): .exited(code)
        case .signaled(let signal): .signalled(signal)
        }
    }
}
