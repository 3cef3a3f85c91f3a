import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `LabSMTPServer`: the lab's configurable STARTTLS test server.
///
/// Test support, not part of what the package ships: an executable target without a
/// product, so `swift build` builds it beside the tests (which find it with the lab's
/// `ProductBinary`) and `make install` and the Debian package never see it.
///
/// Listens on one address and port, serves each connection on its own thread, and behaves
/// as `--behaviour` says. Prints `ready ADDRESS:PORT` on stdout (and writes `--pid-file`)
/// once it accepts connections; stops on SIGTERM.
@main
struct LabSMTPServer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "LabSMTPServer",
        abstract: "An SMTP server with STARTTLS for the TLS policy lab: chosen certificates and hostile behaviours."
    )

    @Option(help: "IPv4 or IPv6 address to listen on.")
    var address: String = "127.0.0.1"

    @Option(help: "TCP port to listen on.")
    var port: Int = 25

    @Option(help: "Name in the greeting and EHLO reply.")
    var hostname: String = "lab-smtpd.test"

    @Option(help: "PEM file: the server certificate followed by its chain.")
    var certificateChain: String?

    @Option(help: "PEM file: the private key.")
    var key: String?

    @Option(help: "One of: \(ServerBehaviour.allCases.map(\.rawValue).joined(separator: ", ")).")
    var behaviour: ServerBehaviour = .normal

    @Flag(help: "Negotiate at most TLS 1.2.")
    var tls12Only = false

    @Option(help: "Milliseconds to wait before every reply.")
    var latencyMs: Int = 0

    @Option(help: "Seconds a connection may be idle before it is dropped.")
    var idleTimeout: Int = 120

    @Option(help: "Write the process ID here once listening.")
    var pidFile: String?

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be 1-65535, not \(port)") }
        guard latencyMs >= 0 else { throw ValidationError("--latency-ms must not be negative") }
        guard idleTimeout > 0 else { throw ValidationError("--idle-timeout must be positive") }
        guard (certificateChain == nil) == (key == nil) else {
            throw ValidationError("--certificate-chain and --key go together")
        }
        if certificateChain == nil && [.normal, .garbageAfterStarttls].contains(behaviour) {
            throw ValidationError("--behaviour \(behaviour.rawValue) needs --certificate-chain and --key")
        }
    }

    func run() throws {
        // A client that hangs up mid-reply must not kill the server (OpenSSL writes with write(2)).
        signal(SIGPIPE, SIG_IGN)
        let tls = try certificateChain.flatMap { chain in
            try key.map { try ServerTLSContext(chainFile: chain, keyFile: $0, maximumTLS12: tls12Only) }
        }
        let configuration = ServerConfiguration(hostname: hostname, behaviour: behaviour, latencyMilliseconds: latencyMs,
                                                idleTimeoutSeconds: idleTimeout, tls: tls)
        let listener = try ListeningSocket(address: address, port: port)
        if let pidFile {
            do {
                try "\(getpid())\n".write(toFile: pidFile, atomically: true, encoding: .utf8)
            } catch {
                throw ServerError.pidFile(path: pidFile, reason: "\(error)")
            }
        }
        FileHandle.standardOutput.write(Data("ready \(address):\(port) behaviour=\(behaviour.rawValue)\n".utf8))
        while true {
            let connection = try listener.accept()
            let thread = Thread {
                ServerSession(descriptor: connection, configuration: configuration).serve()
            }
            // Small stacks: a benchmark holds a thousand connections open at once.
            thread.stackSize = 256 * 1_024
            thread.start()
        }
    }
}
