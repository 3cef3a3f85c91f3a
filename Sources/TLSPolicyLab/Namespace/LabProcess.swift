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
    private var suspended = false

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

    /// Freezes the server with SIGSTOP: its sockets stay open, so the kernel still
    /// completes TCP handshakes and queues datagrams for it, but it answers nothing,
    /// as a hung server would. ``resume()`` (or ``stop(timeout:)``) thaws it.
    public func suspend() throws {
        guard kill(pid, SIGSTOP) == 0 else {
            throw LabError.invalidArgument("cannot suspend pid \(pid) (\(LabError.render(argv))): \(String(cString: strerror(errno)))")
        }
        suspended = true
    }

    /// Lets a suspended server run again (SIGCONT).
    public func resume() {
        // nsenter, seeing its child stop, stops itself too (util-linux's
        // continue_as_child); left stopped, it could not reap the server at stop().
        kill(launcher.processIdentifier, SIGCONT)
        kill(pid, SIGCONT)
        suspended = false
    }

    /// SIGTERM, then SIGKILL after `timeout`; waits (bounded) for `nsenter` to exit too.
    /// A suspended server is resumed first, so that it can act on SIGTERM.
    public func stop(timeout: TimeInterval = 5) throws {
        if suspended { resume() }
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
