import ExternalCommand
import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// A private network, mount and PID namespace, held open by one long-running process.
///
/// Everything the lab starts runs in here, so "loopback only" is a property of the
/// namespace: its only interface is `lo`, brought up at creation. `/etc/resolv.conf` is
/// replaced, inside the mount namespace only, by one naming `127.0.0.1` (with `trust-ad`),
/// so resolvers in here ask the lab's DNS server and never the host's.
///
/// The holder is `unshare --net --mount --pid --fork --mount-proc --kill-child` with a small
/// shell loop as PID 1 of the new PID namespace (it also reaps orphaned daemons). When it
/// dies, the kernel kills every process left in the namespace, so ``stop()`` cannot leave
/// a server behind.
public final class LabNamespace {
    /// Host-visible working directory for this namespace's files (configs, logs, certificates).
    public let directory: URL
    /// Host PID of the namespace's init process (the holder), the target of `nsenter -t`.
    public let holderPID: pid_t
    /// The resolv.conf that is bind-mounted over `/etc/resolv.conf` inside the namespace.
    public let resolvConf: URL

    private let unshare: Process
    private let logger: Logger
    private var stopped = false
    private let removesDirectory: Bool

    /// Creates the namespaces, brings up `lo`, and installs the private resolv.conf.
    ///
    /// - Parameters:
    ///   - directory: where the lab keeps its files; a new temporary directory when nil.
    ///   - keepDirectory: keep a directory this initializer created after ``stop()`` (for
    ///     debugging); a directory passed in is never removed.
    ///   - timeout: bound for each setup step.
    public init(directory: URL? = nil, keepDirectory: Bool = false, timeout: TimeInterval = 10,
                logger: Logger = Logger(label: "TLSPolicyLab.LabNamespace")) throws {
        try LabEnvironment.requireRoot()
        self.logger = logger
        self.removesDirectory = directory == nil && !keepDirectory
        self.directory = try directory ?? LabFileSystem.makeTemporaryDirectory(prefix: "tlspolicylab")
        try LabFileSystem.createDirectory(self.directory)
        self.resolvConf = self.directory.appendingPathComponent("resolv.conf")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try LabCommandRunner.locate("unshare"))
        // The loop is PID 1 of the new PID namespace: bash reaps the daemons that get
        // re-parented to it, so a stopped server does not linger as a zombie.
        process.arguments = ["--net", "--mount", "--pid", "--fork", "--mount-proc", "--kill-child",
                             "--", "/bin/bash", "-c", "while :; do sleep 1; done"]
        process.environment = LabCommandRunner.environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw LabError.launchFailed(argv: ["unshare"] + (process.arguments ?? []), reason: "\(error)")
        }
        self.unshare = process

        guard let holder = ProcessTable.firstChild(of: process, timeout: timeout) else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            throw LabError.namespaceSetupFailed("unshare (pid \(process.processIdentifier)) forked no holder within \(timeout) s; exited: \(!process.isRunning)")
        }
        self.holderPID = holder

        do {
            try verifyPrivate()
            try run(["ip", "link", "set", "lo", "up"], timeout: timeout).checked()
            try LabFileSystem.write("nameserver 127.0.0.1\noptions trust-ad\n", to: resolvConf, mode: 0o644)
            try run(["mount", "--bind", resolvConf.path, "/etc/resolv.conf"], timeout: timeout).checked()
        } catch {
            stop()
            throw error
        }
        logger.debug("namespace ready", metadata: ["holder": "\(holder)", "directory": "\(self.directory.path)"])
    }

    deinit { stop() }

    /// Refuses to go on unless the holder's network, mount and PID namespaces differ from ours:
    /// a lab that silently ran in the host's network namespace could reach real hosts.
    private func verifyPrivate() throws {
        let me = getpid()
        for kind in ["net", "mnt", "pid"] {
            let ours = ProcessTable.namespaceIdentity(of: me, kind: kind)
            let theirs = ProcessTable.namespaceIdentity(of: holderPID, kind: kind)
            guard let theirs, theirs != ours else {
                throw LabError.namespaceSetupFailed("\(kind) namespace of holder \(holderPID) is not private (\(theirs ?? "unreadable"))")
            }
        }
    }

    /// The `nsenter` prefix that runs a command inside all three namespaces.
    private func nsenterArgv(_ argv: [String]) -> [String] {
        ["nsenter", "--target", "\(holderPID)", "--net", "--mount", "--pid", "--"] + argv
    }

    /// Runs a command inside the namespace and waits for it, at most `timeout` seconds.
    ///
    /// A non-zero exit is returned, not thrown; call ``CommandResult/checked()`` to insist on success.
    @discardableResult
    public func run(_ argv: [String], input: Data? = nil, timeout: TimeInterval = 30) throws -> CommandResult {
        guard !stopped else { throw LabError.namespaceSetupFailed("namespace already stopped; cannot run \(LabError.render(argv))") }
        logger.trace("run", metadata: ["argv": "\(argv)"])
        return try LabCommandRunner.run(nsenterArgv(argv), input: input, timeout: timeout, displayArgv: argv)
    }

    /// Starts a long-running program (one that stays in the foreground) inside the namespace.
    ///
    /// Its stdout and stderr go to `logFile`. The returned ``LabProcess`` knows the program's
    /// own host PID (not nsenter's), which is what ``LabProcess/stop(timeout:)`` signals.
    public func spawn(_ argv: [String], logFile: URL, timeout: TimeInterval = 10) throws -> LabProcess {
        guard !stopped else { throw LabError.namespaceSetupFailed("namespace already stopped; cannot spawn \(LabError.render(argv))") }
        let full = nsenterArgv(argv)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try LabCommandRunner.locate(full[0]))
        process.arguments = Array(full.dropFirst())
        process.environment = LabCommandRunner.environment
        try LabFileSystem.write(Data(), to: logFile)
        let log = try FileHandle(forWritingTo: logFile)
        defer { try? log.close() }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        do {
            try process.run()
        } catch {
            throw LabError.launchFailed(argv: argv, reason: "\(error)")
        }
        // nsenter forks once to enter the PID namespace; the program is that child.
        guard let child = ProcessTable.firstChild(of: process, timeout: timeout) else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            let text = (try? LabFileSystem.read(logFile)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            throw LabError.serverNotStarted(argv: argv, output: process.isRunning ? text : "exited with status \(process.terminationStatus): \(text)")
        }
        logger.debug("spawned", metadata: ["argv": "\(argv)", "pid": "\(child)"])
        return LabProcess(argv: argv, pid: child, launcher: process, logFile: logFile)
    }

    /// Mounts a fresh tmpfs at `url`, visible only inside this namespace.
    ///
    /// Postfix's queue lives on one: fsync on this kind of disk can take seconds.
    public func mountTmpfs(at url: URL, mode: String = "0755", sizeMegabytes: Int = 256) throws {
        try LabFileSystem.createDirectory(url)
        try run(["mount", "-t", "tmpfs", "-o", "mode=\(mode),size=\(sizeMegabytes)m", "tmpfs", url.path], timeout: 10).checked()
    }

    /// Transport protocols whose sockets ``isListening(_:address:port:)`` can see.
    public enum SocketProtocol: String, Sendable {
        case tcp, udp
    }

    /// True when a socket in the namespace is bound to `address:port` (TCP: listening).
    ///
    /// Read from `/proc/HOLDER/net/{tcp,udp}`, which shows the holder's network namespace;
    /// no command runs, so this is cheap to poll. A UDP readiness probe by query would not
    /// do: an unconnected UDP client never hears "port unreachable" and waits its full timeout.
    public func isListening(_ proto: SocketProtocol, address: String, port: Int) -> Bool {
        let octets = address.split(separator: ".").compactMap { UInt8($0) }
        guard octets.count == 4 else { return false }
        // /proc shows the IPv4 address as the hex of its in-memory (little-endian) u32.
        let hexAddress = octets.reversed().map { String(format: "%02X", $0) }.joined()
        let local = "\(hexAddress):\(String(format: "%04X", port))"
        // Read to EOF: /proc files report size 0, and String(contentsOfFile:) stops after the
        // first page (measured: 4050 of 9150 bytes with 60 listeners), missing later sockets.
        guard let handle = FileHandle(forReadingAtPath: "/proc/\(holderPID)/net/\(proto.rawValue)") else { return false }
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd() else { return false }
        let table = String(decoding: data, as: UTF8.self)
        for line in table.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ")
            guard fields.count > 3, fields[1] == local else { continue }
            // TCP state 0A is LISTEN; a bound UDP socket shows 07.
            if proto == .udp || fields[3] == "0A" { return true }
        }
        return false
    }

    /// Waits (bounded) until ``isListening(_:address:port:)`` is true.
    public func waitUntilListening(_ proto: SocketProtocol, address: String, port: Int, timeout: TimeInterval) throws {
        guard ProcessTable.waitUntil(timeout: timeout, { isListening(proto, address: address, port: port) }) else {
            throw LabError.waitTimedOut(what: "a \(proto.rawValue) socket on \(address):\(port) in the namespace", seconds: timeout)
        }
    }

    /// True while the holder (and so the namespace) is alive.
    public var isRunning: Bool { !stopped && ProcessTable.isRunning(holderPID) }

    /// Kills the holder; the kernel then kills every process left in the PID namespace
    /// (its tmpfs mounts go with the mount namespace). Waits (bounded) for `unshare` to exit,
    /// then removes the directory if this namespace created it. Safe to call more than once.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        kill(holderPID, SIGKILL)
        let pid = unshare.processIdentifier
        if !ProcessTable.waitUntil(timeout: 5, { !unshare.isRunning }) {
            kill(pid, SIGKILL)
            _ = ProcessTable.waitUntil(timeout: 5, { !unshare.isRunning })
        }
        if removesDirectory { try? FileManager.default.removeItem(at: directory) }
        logger.debug("namespace stopped", metadata: ["holder": "\(holderPID)"])
    }
}
