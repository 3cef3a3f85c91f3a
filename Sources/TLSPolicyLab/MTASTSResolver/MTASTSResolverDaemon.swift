import Foundation
import Logging

/// postfix-mta-sts-resolver's daemon (`mta-sts-daemon`) on a loopback address inside the
/// namespace, asked as Postfix asks it: a `socketmap:` table, through the real `postmap -q`.
/// Its answer is the TLS policy Postfix would use (`secure match=... servername=hostname`),
/// or none. Configured for the lab only: loopback, an in-memory cache, the lab CA as its
/// only trust. Runs in the foreground, stopped by its PID.
public final class MTASTSResolverDaemon {
    /// The address it listens on.
    public let address: String
    /// The TCP port it listens on.
    public let port: Int
    /// The `postmap` table name that reaches it.
    public var table: String { "socketmap:inet:\(address):\(port):postfix" }

    private let process: LabProcess
    private let namespace: LabNamespace
    private let postfixConfig: URL

    /// Writes the configuration, starts the daemon, and waits (bounded) until it listens.
    ///
    /// - Parameters:
    ///   - caFile: the only CA the daemon trusts for policy fetches.
    ///   - strictTesting: its `strict_testing` (false, its default: a `testing` policy gives no answer).
    ///   - lookupTimeoutSeconds: its zone `timeout` (4, its default), for DNS and for HTTPS.
    public init(namespace: LabNamespace, caFile: URL, address: String = "127.0.0.1", port: Int = 8461,
                strictTesting: Bool = false, lookupTimeoutSeconds: Int = 4, timeout: TimeInterval = 15,
                logger: Logger = Logger(label: "TLSPolicyLab.MTASTSResolverDaemon")) throws {
        guard SMTPEndpoint.isLoopbackIPv4(address) else {
            throw LabError.invalidArgument("the resolver daemon listens on an IPv4 loopback address, not \(address)")
        }
        guard (1...65_535).contains(port) else { throw LabError.invalidArgument("port \(port)") }
        self.address = address
        self.port = port
        self.namespace = namespace
        let directory = namespace.directory.appendingPathComponent("mta-sts-daemon-\(port)")
        let empty = directory.appendingPathComponent("no-cas")
        postfixConfig = directory.appendingPathComponent("postfix")
        try LabFileSystem.createDirectory(empty)
        try LabFileSystem.createDirectory(postfixConfig)
        // reuse_port stays true: 1.1.2 fails at start with reuse_port false ("opts" unset).
        let configuration = """
            # Written by TLSPolicyLab.
            host: \(address)
            port: \(port)
            reuse_port: true
            shutdown_timeout: 1
            cache:
              type: internal
            default_zone:
              strict_testing: \(strictTesting)
              timeout: \(lookupTimeoutSeconds)

            """
        let configFile = directory.appendingPathComponent("mta-sts-daemon.yml")
        try LabFileSystem.write(configuration, to: configFile, mode: 0o644)
        // postmap reads a main.cf; a fresh one makes Postfix commands nap, hence backdated.
        try LabFileSystem.write("compatibility_level = 3.6\n", to: postfixConfig.appendingPathComponent("main.cf"),
                                mode: 0o644, backdated: true)
        process = try namespace.spawn(PostfixMTASTSResolver.environment(trusting: caFile, emptyDirectory: empty)
                                        + [PostfixMTASTSResolver.daemonProgram, "-c", configFile.path, "-v", "info"],
                                      logFile: directory.appendingPathComponent("daemon.log"), timeout: timeout)
        let listening = ProcessTable.waitUntil(timeout: timeout) {
            !process.isRunning || namespace.isListening(.tcp, address: address, port: port)
        }
        guard process.isRunning, listening else {
            let output = process.output
            try? process.stop()
            throw LabError.serverNotStarted(argv: process.argv, output: output)
        }
        logger.debug("mta-sts-daemon ready", metadata: ["pid": "\(process.pid)", "port": "\(port)"])
    }

    deinit { try? stop() }

    /// Asks the daemon for each domain's policy, one `postmap -q -` run; returns the answers
    /// found (`secure match=...`). A domain without an answer is absent (socketmap NOTFOUND).
    public func lookup(_ domains: [String], timeout: TimeInterval = 120) throws -> [String: String] {
        try domains.forEach(DNSRecord.validateName)
        let input = Data(domains.map { $0 + "\n" }.joined().utf8)
        let result = try namespace.run(["postmap", "-c", postfixConfig.path, "-q", "-", table], input: input, timeout: timeout)
        // postmap exits 1 when some key was not found; 2 and above, or a signal, is a failure.
        guard let status = result.exitStatus, status <= 1, !result.stderrText.contains("fatal") else {
            throw LabError.unexpectedOutput(argv: result.argv, output: result.stderrText)
        }
        var answers: [String: String] = [:]
        for line in result.stdoutText.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 { answers[String(parts[0])] = String(parts[1]) }
        }
        return answers
    }

    /// True while the daemon runs.
    public var isRunning: Bool { process.isRunning }

    /// Stops the daemon by its PID (SIGTERM, then SIGKILL), bounded.
    public func stop() throws {
        try process.stop()
    }
}
