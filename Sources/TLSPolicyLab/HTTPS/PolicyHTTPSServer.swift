import Foundation
import Logging

/// An HTTPS server on a loopback address inside the namespace, serving MTA-STS policy
/// responses: `openssl s_server -HTTP` with a certificate from the lab's
/// ``TestCertificateAuthority``, sending each requested file under its document root as the
/// complete HTTP response. ``serve(_:at:)`` writes such a file, so a test can answer with a
/// policy, a redirect, a 404 or an oversized body. Stopped by its PID.
public final class PolicyHTTPSServer {
    /// The address it listens on.
    public let address: String
    /// The TCP port it listens on.
    public let port: Int
    /// Files under here answer requests for the same path.
    public let documentRoot: URL

    private let process: LabProcess

    /// Starts the server and waits (bounded) until it listens.
    public init(namespace: LabNamespace, certificate: ServerCertificate, address: String = "127.0.0.1", port: Int = 8443,
                timeout: TimeInterval = 10, logger: Logger = Logger(label: "TLSPolicyLab.PolicyHTTPSServer")) throws {
        guard SMTPEndpoint.isLoopbackIPv4(address) else {
            throw LabError.invalidArgument("the policy server listens on an IPv4 loopback address, not \(address)")
        }
        guard (1...65_535).contains(port) else { throw LabError.invalidArgument("port \(port)") }
        self.address = address
        self.port = port
        // Named for address and port: several servers may listen on port 443 of different addresses.
        let directory = namespace.directory.appendingPathComponent("https-\(address)-\(port)")
        documentRoot = directory.appendingPathComponent("root")
        try LabFileSystem.createDirectory(documentRoot)
        // s_server -HTTP reads files relative to its working directory; `exec` keeps the
        // PID that spawn found, so the PID the lab holds is openssl's own.
        let script = "cd \"$1\" && exec openssl s_server -quiet -HTTP -accept \"$2\" -cert \"$3\" -key \"$4\""
        process = try namespace.spawn(["sh", "-c", script, "sh", documentRoot.path, "\(address):\(port)",
                                       certificate.certificateFile.path, certificate.keyFile.path],
                                      logFile: directory.appendingPathComponent("s_server.log"), timeout: timeout)
        let listening = ProcessTable.waitUntil(timeout: timeout) {
            !process.isRunning || namespace.isListening(.tcp, address: address, port: port)
        }
        guard process.isRunning, listening else {
            let output = process.output
            try? process.stop()
            if !listening && output.isEmpty {
                throw LabError.waitTimedOut(what: "openssl s_server to listen on \(address):\(port)", seconds: timeout)
            }
            throw LabError.serverNotStarted(argv: process.argv, output: output)
        }
        logger.debug("policy HTTPS server ready", metadata: ["pid": "\(process.pid)", "port": "\(port)"])
    }

    deinit { try? stop() }

    /// Answers requests for `path` with `response` from now on.
    public func serve(_ response: LabHTTPResponse, at path: String = "/.well-known/mta-sts.txt") throws {
        let relative = path.hasPrefix("/") ? String(path.dropFirst()) : path
        guard !relative.isEmpty, !relative.split(separator: "/").contains(".."),
              relative.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._/".contains($0)) }) else {
            throw LabError.invalidArgument("not a servable path: \(path)")
        }
        let file = documentRoot.appendingPathComponent(relative)
        try LabFileSystem.createDirectory(file.deletingLastPathComponent())
        try LabFileSystem.write(try response.serialized(), to: file)
    }

    /// The libcurl `CONNECT_TO` entry that sends `host:443` here while the URL keeps `host`.
    public func connectTo(for host: String) -> String {
        "\(host):443:\(address):\(port)"
    }

    /// True while the server runs.
    public var isRunning: Bool { process.isRunning }

    /// Stops the server by its PID (SIGTERM, then SIGKILL), bounded.
    public func stop() throws {
        try process.stop()
    }
}
