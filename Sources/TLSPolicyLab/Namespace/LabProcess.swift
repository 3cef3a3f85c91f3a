import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A foreground server started by ``LabNamespace/spawn(_:logFile:timeout:)``, stopped by its PID.
public final class LabProcess {
    /// The command, as run inside the namespace.
    public let argv: [String]
    /// The server's own host PID (the child that `nsenter` forked and exec'd).
    public let pid: pid_t
    /// Where the server's stdout and stderr go.
    public let logFile: URL

    private let launcher: Process

    init(argv: [String], pid: pid_t, launcher: Process, logFile: URL) {
        self.argv = argv
        self.pid = pid
        self.launcher = launcher
        self.logFile = logFile
    }

    deinit { try? stop(timeout: 2) }

    /// True while the server runs.
    public var isRunning: Bool { ProcessTable.isRunning(pid) }

    /// What the server printed so far.
    public var output: String {
        (try? LabFileSystem.read(logFile)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// SIGTERM, then SIGKILL after `timeout`; waits (bounded) for `nsenter` to exit too.
    public func stop(timeout: TimeInterval = 5) throws {
        try ProcessTable.terminate(pid, what: LabError.render(argv), timeout: timeout)
        // The process table, not `Process.isRunning`: Foundation learns of the exit from a
        // SIGCHLD source that may not run while an async test holds this thread, so
        // waiting on it cost the full 5 s per server there. A zombie counts as ended.
        let launcherPID = launcher.processIdentifier
        if !ProcessTable.waitUntil(timeout: 5, { !ProcessTable.isRunning(launcherPID) }) {
            kill(launcherPID, SIGKILL)
        }
    }
}
