import ExternalCommand
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs host commands for the lab, synchronously, always with a deadline.
///
/// The project's runner is ``ExternalCommand/CommandRunner``; the lab keeps this one
/// (Foundation's `Process`) for what that one is not made for, and shares its result
/// type (``ExternalCommand/CommandResult``) and search order (``ExternalCommand/ExecutableSearch``):
/// - Output goes to temporary files rather than pipes. The lab starts daemons
///   (`postfix start` leaves Postfix's master running, dnsmasq and unbound detach) that
///   inherit the command's stdout; on a pipe they would hold it open, and a reader
///   waiting for EOF, as swift-subprocess does, would wait until the deadline.
/// - It is synchronous: the lab is driven from synchronous test methods and `setUp`.
/// - At the deadline it kills the command's descendants found in `/proc`, since
///   `Process` cannot start a command in a process group of its own.
public enum LabCommandRunner {
    /// The environment every lab command gets: the system directories as PATH and the C
    /// locale, so that messages the lab parses do not change with the caller's locale.
    public static var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = ExecutableSearch.systemDirectories.joined(separator: ":")
        env["LC_ALL"] = "C"
        env["LANG"] = "C"
        return env
    }

    /// The absolute path of `program`, from the system directories only (the lab's PATH).
    public static func locate(_ program: String) throws -> String {
        do {
            return try ExecutableSearch.locate(program, in: ExecutableSearch.systemDirectories)
        } catch {
            throw LabError.missingProgram(program)
        }
    }

    /// Runs `argv` to completion and returns what it printed.
    ///
    /// - Parameters:
    ///   - argv: the program (name or path) and its arguments.
    ///   - input: bytes for standard input; none means `/dev/null`.
    ///   - timeout: after this many seconds the command and all its descendants get SIGKILL
    ///     and ``LabError/timedOut(argv:seconds:stderr:)`` is thrown.
    ///   - displayArgv: what to name the command in results and errors (defaults to `argv`).
    ///   - directory: the working directory (defaults to the current one).
    /// - Returns: the result, whatever the exit status; call ``ExternalCommand/CommandResult/checked()``
    ///   to insist on 0.
    public static func run(_ argv: [String], input: Data? = nil, timeout: TimeInterval, displayArgv: [String]? = nil,
                           directory: URL? = nil) throws -> CommandResult {
        let shown = displayArgv ?? argv
        guard let program = argv.first else { throw LabError.invalidArgument("empty command") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try locate(program))
        process.arguments = Array(argv.dropFirst())
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tlspolicylab-cmd-\(UUID().uuidString)")
        try LabFileSystem.createDirectory(scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        try LabFileSystem.write(Data(), to: outURL)
        try LabFileSystem.write(Data(), to: errURL)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }
        process.standardOutput = outHandle
        process.standardError = errHandle
        if let input {
            let inURL = scratch.appendingPathComponent("stdin")
            try LabFileSystem.write(input, to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw LabError.launchFailed(argv: shown, reason: "\(error)")
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            // Kill the whole tree: nsenter's forked child, a shell's children, and so on.
            let pid = process.processIdentifier
            for child in ProcessTable.descendants(of: pid).reversed() { kill(child, SIGKILL) }
            kill(pid, SIGKILL)
            _ = finished.wait(timeout: .now() + 5)
            let stderr = (try? Data(contentsOf: errURL)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            throw LabError.timedOut(argv: shown, seconds: timeout, stderr: stderr)
        }
        let stdout = (try? Data(contentsOf: outURL)) ?? Data()
        let stderr = (try? Data(contentsOf: errURL)) ?? Data()
        let termination: CommandResult.Termination = process.terminationReason == .uncaughtSignal
            ? .signalled(process.terminationStatus) : .exited(process.terminationStatus)
        return CommandResult(argv: shown, termination: termination, stdout: [UInt8](stdout), stderr: [UInt8](stderr))
    }
}
