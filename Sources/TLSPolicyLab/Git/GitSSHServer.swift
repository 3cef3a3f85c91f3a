import Foundation
import Logging

/// An SSH Git remote on a loopback address inside a ``LabNamespace``: OpenSSH's `sshd`
/// with its own Ed25519 host key, letting in one deploy key, and that key only for
/// `git-upload-pack` of one repository (`restrict,command=` in authorized_keys: no shell,
/// no forwarding, no other repository, no push). Comes with a known_hosts file that lists
/// the host key, as an operator would write it. Stopped by its PID.
///
/// The login user is `root`, the user the lab runs as, so that no account has to be
/// added to the machine; the forced command is all the key can run.
///
///     let server = try GitSSHServer.start(repository: origin.directory, namespace: ns)
///     // fetch server.url with server.deployKey and server.knownHostsFile
///     try server.stop()
public final class GitSSHServer {
    /// The loopback address it listens on.
    public let address: String
    /// The TCP port it listens on.
    public let port: Int
    /// The repository `git-upload-pack` serves, whatever path a client asks for.
    public let repository: URL
    /// The user the deploy key logs in as.
    public let user = "root"
    /// The server's host key.
    public let hostKey: SSHSigningKey
    /// The one client key the server accepts.
    public let deployKey: SSHSigningKey
    /// `[ADDRESS]:PORT ssh-ed25519 ...`: the host key as known_hosts lists it.
    public let knownHostsFile: URL
    /// The running sshd (for example to ``LabProcess/suspend()`` it: a server that
    /// accepts connections and never sends its banner).
    public let process: LabProcess

    /// The repository's URL: `ssh://root@ADDRESS:PORT/PATH`.
    public var url: String { "ssh://\(user)@\(address):\(port)\(repository.path)" }

    /// The known_hosts line for the host key, `[ADDRESS]:PORT type base64`.
    public var knownHostsLine: String { Self.knownHostsLine(address: address, port: port, hostKey: hostKey) }

    /// The known_hosts line that lists `hostKey` for a server at `address` and `port`
    /// (for example an impostor's key, to test a changed host key).
    public static func knownHostsLine(address: String, port: Int, hostKey: SSHSigningKey) -> String {
        let fields = hostKey.publicKeyLine.split(separator: " ").prefix(2).joined(separator: " ")
        return "[\(address)]:\(port) \(fields)"
    }

    /// Makes the keys and the configuration, starts sshd, and waits (bounded) until it listens.
    public static func start(repository: URL, namespace: LabNamespace, address: String = "127.0.0.1", port: Int = 2222,
                             timeout: TimeInterval = 10,
                             logger: Logger = Logger(label: "TLSPolicyLab.GitSSHServer")) throws -> GitSSHServer {
        try GitSSHServer(repository: repository, namespace: namespace, address: address, port: port,
                         timeout: timeout, logger: logger)
    }

    private init(repository: URL, namespace: LabNamespace, address: String, port: Int, timeout: TimeInterval,
                 logger: Logger) throws {
        guard SMTPEndpoint.isLoopbackIPv4(address) else {
            throw LabError.invalidArgument("the Git SSH server listens on an IPv4 loopback address, not \(address)")
        }
        guard (1...65_535).contains(port) else { throw LabError.invalidArgument("port \(port)") }
        guard !repository.path.contains("'"), !repository.path.contains("\"") else {
            throw LabError.invalidArgument("the served repository's path must not hold quotes: \(repository.path)")
        }
        self.address = address
        self.port = port
        self.repository = repository
        let directory = namespace.directory.appendingPathComponent("git-ssh-\(port)")
        try LabFileSystem.createDirectory(directory)
        hostKey = try SSHSigningKey.generate(at: directory.appendingPathComponent("ssh_host_ed25519_key"), comment: "lab host key")
        deployKey = try SSHSigningKey.generate(at: directory.appendingPathComponent("deploy_key"), comment: "lab deploy key")
        let authorizedKeys = directory.appendingPathComponent("authorized_keys")
        try LabFileSystem.write("restrict,command=\"git-upload-pack '\(repository.path)'\" \(deployKey.publicKeyLine)\n",
                                to: authorizedKeys, mode: 0o600)
        knownHostsFile = directory.appendingPathComponent("known_hosts")
        let configuration = directory.appendingPathComponent("sshd_config")
        try LabFileSystem.write(Self.configuration(address: address, port: port, hostKey: hostKey.privateKey,
                                                   authorizedKeys: authorizedKeys, user: user),
                                to: configuration, mode: 0o600)
        try LabFileSystem.write(Self.knownHostsLine(address: address, port: port, hostKey: hostKey) + "\n",
                                to: knownHostsFile, mode: 0o644)
        // sshd's privilege-separation directory; the Debian package makes it only when
        // its service starts, which the lab never does.
        try namespace.run(["mkdir", "-p", "-m", "0755", "/run/sshd"], timeout: timeout).checked()
        // -D: foreground, so that the PID the lab holds is sshd's own; -e: log to stderr
        // (the log file). sshd must be started by its absolute path (it re-executes itself).
        process = try namespace.spawn(["/usr/sbin/sshd", "-D", "-e", "-f", configuration.path],
                                      logFile: directory.appendingPathComponent("sshd.log"), timeout: timeout)
        do {
            try namespace.waitUntilListening(.tcp, address: address, port: port, timeout: timeout)
        } catch {
            let output = process.output
            try? process.stop()
            throw LabError.serverNotStarted(argv: process.argv, output: "not listening: \(error); \(output)")
        }
        logger.debug("Git SSH server ready", metadata: ["pid": "\(process.pid)", "url": "\(url)"])
    }

    deinit { try? stop() }

    /// sshd's configuration: one address, public keys only, the lab's authorized_keys,
    /// no PAM (no system login), no strict modes (the lab's files live under /tmp).
    static func configuration(address: String, port: Int, hostKey: URL, authorizedKeys: URL, user: String) -> String {
        """
        # Written by TLSPolicyLab.
        ListenAddress \(address):\(port)
        HostKey \(hostKey.path)
        PidFile none
        UsePAM no
        StrictModes no
        UseDNS no
        AuthorizedKeysFile \(authorizedKeys.path)
        AuthenticationMethods publickey
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PermitRootLogin prohibit-password
        AllowUsers \(user)
        LogLevel VERBOSE

        """
    }

    /// True while the server runs.
    public var isRunning: Bool { process.isRunning }

    /// Stops the server by its PID (SIGTERM, then SIGKILL), bounded. Connections still
    /// open end with the namespace.
    public func stop() throws {
        try process.stop()
    }
}
