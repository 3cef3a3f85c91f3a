import Foundation
import Logging

/// The lab's own STARTTLS test server (the `LabSMTPServer` executable), running in a ``LabNamespace``
/// on one loopback endpoint and stopped by its PID.
public final class LabSMTPServerProcess {
    /// Where it listens (inside the namespace).
    public let endpoint: SMTPEndpoint
    /// Its behaviour.
    public let behaviour: LabSMTPServerBehaviour
    /// The running server process.
    public let process: LabProcess

    /// Starts the server and waits (bounded) until it listens.
    ///
    /// - Parameters:
    ///   - endpoint: a loopback IPv4 address and port in the namespace.
    ///   - certificate: the server certificate; required for `normal` and `garbageAfterStarttls`.
    ///   - tls12Only: negotiate at most TLS 1.2.
    ///   - latencyMilliseconds: added before every reply.
    ///   - binary: the server executable; by default the one built beside the running tests.
    public init(namespace: LabNamespace, endpoint: SMTPEndpoint, hostname: String = "lab-smtpd.test",
                certificate: ServerCertificate?, behaviour: LabSMTPServerBehaviour = .normal, tls12Only: Bool = false,
                latencyMilliseconds: Int = 0, binary: URL? = nil, timeout: TimeInterval = 10,
                logger: Logger = Logger(label: "TLSPolicyLab.LabSMTPServerProcess")) throws {
        guard SMTPEndpoint.isLoopbackIPv4(endpoint.address) else {
            throw LabError.invalidArgument("the lab SMTP server listens on 127.0.0.0/8 only, not \(endpoint.address)")
        }
        let executable = try binary ?? ProductBinary.named("LabSMTPServer").url
        var argv = [executable.path, "--address", endpoint.address, "--port", "\(endpoint.port)",
                    "--hostname", hostname, "--behaviour", behaviour.rawValue, "--latency-ms", "\(latencyMilliseconds)"]
        if let certificate {
            argv += ["--certificate-chain", certificate.chainFile.path, "--key", certificate.keyFile.path]
        }
        if tls12Only { argv.append("--tls12-only") }
        let directory = namespace.directory.appendingPathComponent("smtpd")
        try LabFileSystem.createDirectory(directory)
        let log = directory.appendingPathComponent("\(endpoint.address)-\(endpoint.port).log")
        self.endpoint = endpoint
        self.behaviour = behaviour
        self.process = try namespace.spawn(argv, logFile: log, timeout: timeout)
        do {
            try namespace.waitUntilListening(.tcp, address: endpoint.address, port: endpoint.port, timeout: timeout)
        } catch {
            let output = process.output
            try? process.stop()
            throw LabError.serverNotStarted(argv: argv, output: "not listening within \(timeout) s (\(error)); output: \(output)")
        }
        logger.debug("lab smtpd ready", metadata: ["endpoint": "\(endpoint)", "pid": "\(process.pid)", "behaviour": "\(behaviour.rawValue)"])
    }

    deinit { try? stop(timeout: 2) }

    /// True while the server runs.
    public var isRunning: Bool { process.isRunning }

    /// Stops the server by its PID (SIGTERM, then SIGKILL after `timeout`).
    public func stop(timeout: TimeInterval = 5) throws {
        try process.stop(timeout: timeout)
    }
}
