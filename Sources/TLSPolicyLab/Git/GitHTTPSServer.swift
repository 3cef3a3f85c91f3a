import Foundation
import Logging

/// A smart-HTTPS Git remote on a loopback address inside a ``LabNamespace``: lighttpd with
/// mod_openssl and a certificate from the lab's ``TestCertificateAuthority``, running
/// `git http-backend` as a CGI program for one repository, the way a small Git host
/// serves one. Started once, reused by any number of fetches (libgit2 or `git`), and
/// stopped by its PID.
///
///     let server = try GitHTTPSServer.start(repository: origin.directory, namespace: ns, ca: ca)
///     // fetch from server.url with ca.certificateFile as the CA file
///     try server.stop()
public final class GitHTTPSServer {
    /// The loopback address it listens on.
    public let address: String
    /// The TCP port it listens on.
    public let port: Int
    /// The certificate it presents.
    public let certificate: ServerCertificate
    /// The repository it serves (a work tree or a bare repository).
    public let repository: URL
    /// The running lighttpd (for example to ``LabProcess/suspend()`` it: a server that
    /// accepts connections and never answers).
    public let process: LabProcess

    /// The repository's URL by address: `https://ADDRESS:PORT/git/NAME`.
    public var url: String { url(host: address) }

    /// The repository's URL with `host` in it (a name the certificate holds, which the
    /// client must resolve to ``address``, for example through the lab's DNS server).
    public func url(host: String) -> String {
        "https://\(host):\(port)/git/\(repository.lastPathComponent)"
    }

    /// Starts a server for `repository` with a new certificate from `ca` for `hostName`
    /// and `address`, and waits (bounded) until it listens.
    public static func start(repository: URL, namespace: LabNamespace, ca: TestCertificateAuthority,
                             hostName: String = "git.lab.test", address: String = "127.0.0.1", port: Int = 8443,
                             timeout: TimeInterval = 10) throws -> GitHTTPSServer {
        let certificate = try ca.issueServerCertificate(names: [hostName], ipAddresses: [address],
                                                        fileName: "git-https-\(port)")
        return try start(repository: repository, namespace: namespace, certificate: certificate,
                         address: address, port: port, timeout: timeout)
    }

    /// Starts a server for `repository` presenting `certificate` (an untrusted or expired
    /// one, say), and waits (bounded) until it listens.
    public static func start(repository: URL, namespace: LabNamespace, certificate: ServerCertificate,
                             address: String = "127.0.0.1", port: Int = 8443, timeout: TimeInterval = 10,
                             logger: Logger = Logger(label: "TLSPolicyLab.GitHTTPSServer")) throws -> GitHTTPSServer {
        try GitHTTPSServer(repository: repository, namespace: namespace, certificate: certificate,
                           address: address, port: port, timeout: timeout, logger: logger)
    }

    private init(repository: URL, namespace: LabNamespace, certificate: ServerCertificate, address: String, port: Int,
                 timeout: TimeInterval, logger: Logger) throws {
        guard SMTPEndpoint.isLoopbackIPv4(address) else {
            throw LabError.invalidArgument("the Git HTTPS server listens on an IPv4 loopback address, not \(address)")
        }
        guard (1...65_535).contains(port) else { throw LabError.invalidArgument("port \(port)") }
        let name = repository.lastPathComponent
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) }) else {
            throw LabError.invalidArgument("the served repository's directory name must be plain: \(repository.path)")
        }
        self.address = address
        self.port = port
        self.certificate = certificate
        self.repository = repository
        let directory = namespace.directory.appendingPathComponent("git-https-\(port)")
        let documentRoot = directory.appendingPathComponent("root")
        try LabFileSystem.createDirectory(documentRoot)
        let configuration = directory.appendingPathComponent("lighttpd.conf")
        try LabFileSystem.write(Self.configuration(address: address, port: port, certificate: certificate,
                                                   projectRoot: repository.deletingLastPathComponent(),
                                                   documentRoot: documentRoot, errorLog: directory.appendingPathComponent("error.log")),
                                to: configuration, mode: 0o644)
        // -D: stay in the foreground, so that the PID the lab holds is lighttpd's own.
        process = try namespace.spawn(["lighttpd", "-D", "-f", configuration.path],
                                      logFile: directory.appendingPathComponent("lighttpd.log"), timeout: timeout)
        do {
            try namespace.waitUntilListening(.tcp, address: address, port: port, timeout: timeout)
        } catch {
            let output = process.output
            try? process.stop()
            let log = (try? LabFileSystem.read(directory.appendingPathComponent("error.log"))).map { String(decoding: $0, as: UTF8.self) } ?? ""
            throw LabError.serverNotStarted(argv: process.argv, output: "not listening: \(error); \(output) \(log)")
        }
        logger.debug("Git HTTPS server ready", metadata: ["pid": "\(process.pid)", "url": "\(url)"])
    }

    deinit { try? stop() }

    /// lighttpd's configuration: TLS on one address and port, `/git/NAME/...` run by
    /// `git http-backend` with the repository's parent as `GIT_PROJECT_ROOT`.
    static func configuration(address: String, port: Int, certificate: ServerCertificate, projectRoot: URL,
                              documentRoot: URL, errorLog: URL) -> String {
        """
        # Written by TLSPolicyLab.
        server.modules = ("mod_alias", "mod_setenv", "mod_cgi", "mod_openssl")
        server.bind = "\(address)"
        server.port = \(port)
        server.document-root = "\(documentRoot.path)"
        server.errorlog = "\(errorLog.path)"
        ssl.engine = "enable"
        ssl.pemfile = "\(certificate.chainFile.path)"
        ssl.privkey = "\(certificate.keyFile.path)"
        alias.url = ("/git" => "/usr/lib/git-core/git-http-backend")
        $HTTP["url"] =~ "^/git/" {
            cgi.assign = ("" => "")
            setenv.set-environment = ("GIT_PROJECT_ROOT" => "\(projectRoot.path)", "GIT_HTTP_EXPORT_ALL" => "1")
        }

        """
    }

    /// True while the server runs.
    public var isRunning: Bool { process.isRunning }

    /// Stops the server by its PID (SIGTERM, then SIGKILL), bounded.
    public func stop() throws {
        try process.stop()
    }
}
