import ExternalCommand
import Foundation

/// The built `tls-policy-validator` run inside a lab namespace that has the smallest
/// mail world a probe needs (``LabSession/startMailProvider(domains:)``: `good.test` and
/// `bad.test` on `mx1.provider.test`), as the command-line tests of probe and report use it.
/// Check ``LabEnvironment/unavailableReason`` first: this needs root.
public final class ValidatorProbeLab {
    public let session: LabSession
    public var namespace: LabNamespace { session.namespace }
    public var ca: TestCertificateAuthority { session.ca }

    /// A namespace and CA, and, unless `mailProvider` is false, the mail provider, whose
    /// DNS server also answers `extraRecords`.
    public init(mailProvider: Bool = true, extraRecords: [DNSRecord] = []) throws {
        session = try LabSession()
        guard mailProvider else { return }
        do {
            try session.startMailProvider(domains: ["good.test", "bad.test"], extraRecords: extraRecords)
        } catch {
            session.stop()
            throw error
        }
    }

    /// Stops the servers by their PIDs, then the namespace.
    public func stop() { session.stop() }

    /// A path in the namespace's directory (visible to the host too).
    public func url(_ name: String) -> URL { namespace.directory.appendingPathComponent(name) }

    /// Writes `text` to ``url(_:)`` of `name`.
    public func write(_ name: String, _ text: String) throws -> URL {
        let file = url(name)
        try LabFileSystem.write(text, to: file)
        return file
    }

    /// `probe` with the lab's resolver and CA, Postfix 3.7, short step timeouts, no MTA-STS.
    public var probeArguments: [String] {
        ["probe", "--postfix-version", "3.7", "--resolver", "127.0.0.1", "--ca-file", ca.certificateFile.path,
         "--step-timeout", "5", "--no-mta-sts"]
    }

    /// Runs the validator inside the namespace; `environment` and `directory` through env(1).
    public func validator(_ arguments: [String], environment: [String: String] = [:],
                          directory: URL? = nil) throws -> CommandResult {
        let binary = try ProductBinary.named("tls-policy-validator").url.path
        // env(1) takes its options (-C) before the NAME=VALUE assignments.
        var argv = ["env"]
        if let directory { argv += ["-C", directory.path] }
        argv += environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return try namespace.run(argv + [binary] + arguments, timeout: 120)
    }
}
