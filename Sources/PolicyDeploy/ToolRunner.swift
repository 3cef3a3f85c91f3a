import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs Postfix's command-line tools with swift-subprocess, always with a deadline.
///
/// Each command runs in a session of its own, so a timeout kills the command and
/// everything it started (`postfix` runs `postfix-script`, which runs more).
public struct ToolRunner: Sendable {
    /// Words put before every command, for example `nsenter --target PID --mount --pid --`
    /// when Postfix runs in other namespaces than the agent.
    public var wrapper: [String]
    /// The deadline for one command.
    public var timeout: Duration

    /// Where Postfix's programs live on Debian and most other systems; searched before `PATH`.
    static let searchPath = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"]

    public init(wrapper: [String] = [], timeout: Duration = .seconds(120)) {
        self.wrapper = wrapper
        self.timeout = timeout
    }

    /// Runs `program arguments…` (behind the wrapper) and returns what it printed,
    /// whatever its exit status.
    public func run(_ program: String, _ arguments: [String], input: [UInt8]? = nil,
                    timeout: Duration? = nil) async throws(DeployError) -> ToolResult {
        let argv = wrapper + [program] + arguments
        let executablePath = try locate(argv[0], argv: argv)
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [.send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .seconds(1))]
        // The C locale: the messages this module reads must not change with the host's locale.
        let environment = Environment.inherit.updating(["LC_ALL": "C", "LANG": "C"])
        let limit = timeout ?? self.timeout
        let optionsCopy = options
        let outcome: ToolResult?
        do {
            outcome = try await withThrowingTaskGroup(of: ToolResult?.self) { group in
                group.addTask {
                    let arguments = Arguments(Array(argv.dropFirst()))
                    let executable = Executable.path(FilePath(executablePath))
                    func launch(_ input: some InputProtocol) async throws -> ToolResult {
                        let result = try await Subprocess.run(
                            executable, arguments: arguments, environment: environment, platformOptions: optionsCopy,
                            input: input, output: .bytes(limit: 64 << 20), error: .bytes(limit: 4 << 20))
                        return ToolResult(argv: argv, status: result.terminationStatus,
                                          standardOutput: result.standardOutput, standardError: result.standardError)
                    }
                    if let input { return try await launch(.array(input)) }
                    return try await launch(.none)
                }
                group.addTask {
                    try await Task.sleep(for: limit)
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
        } catch {
            throw .toolLaunchFailed(argv: argv, reason: "\(error)")
        }
        guard let outcome else {
            let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
            throw .toolTimedOut(argv: argv, seconds: seconds)
        }
        return outcome
    }

    private func locate(_ program: String, argv: [String]) throws(DeployError) -> String {
        if program.contains("/") { return program }
        let path = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").map(String.init) ?? []
        for directory in ToolRunner.searchPath + path
        where FileManager.default.isExecutableFile(atPath: "\(directory)/\(program)") {
            return "\(directory)/\(program)"
        }
        throw .toolLaunchFailed(argv: argv, reason: "\(program) not found in \((ToolRunner.searchPath + path).joined(separator: ":"))")
    }
}

extension ToolResult {
    init(argv: [String], status: TerminationStatus, standardOutput: [UInt8], standardError: [UInt8]) {
        let code: Int32? = switch status {
        case .exited(let code): code
        default: nil
        }
        self.init(argv: argv, exitStatus: code, standardOutput: standardOutput, standardError: standardError)
    }
}
