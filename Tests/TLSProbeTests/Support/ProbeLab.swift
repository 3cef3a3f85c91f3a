import Foundation
import TLSPolicyLab
import TLSProbe

/// One test's lab: a private namespace, a test CA, the lab SMTP servers the test starts,
/// and probes run from a thread inside the namespace's loopback-only network.
final class ProbeLab {
    private let session: LabSession
    var namespace: LabNamespace { session.namespace }
    var ca: TestCertificateAuthority { session.ca }
    private var nextPort = 2_525

    init() throws {
        try LabRequirement.require()
        session = try LabSession()
    }

    /// Stops every server by its PID, then the namespace.
    func stop() { session.stop() }

    /// Starts a lab SMTP server on 127.0.0.2 and a fresh port.
    func startServer(_ behaviour: LabSMTPServerBehaviour = .normal, certificate: ServerCertificate?,
                     tls12Only: Bool = false, latencyMilliseconds: Int = 0, endpoint chosen: SMTPEndpoint? = nil) throws -> SMTPEndpoint {
        let endpoint = chosen ?? SMTPEndpoint(address: "127.0.0.2", port: nextPort)
        if chosen == nil { nextPort += 1 }
        try session.started({
            try LabSMTPServerProcess(namespace: namespace, endpoint: endpoint, certificate: certificate,
                                     behaviour: behaviour, tls12Only: tls12Only, latencyMilliseconds: latencyMilliseconds)
        }, stop: { try? $0.stop() })
        return endpoint
    }

    /// A request for `endpoint` at `level`, trusting the lab CA.
    func request(_ endpoint: SMTPEndpoint, level: TLSSecurityLevel, mxHost: String = "mx.example.test",
                 nexthop: String = "example.test") -> ProbeRequest {
        ProbeRequest(address: endpoint.address, port: endpoint.port, mxHost: mxHost, nexthop: nexthop, level: level,
                     caFile: ca.certificateFile.path)
    }

    /// Runs the probe inside the namespace's network (bounded by the request's own deadlines).
    func probe(_ request: ProbeRequest) throws -> ProbeResult {
        try namespace.withNetworkNamespace { try TLSProbe().run(request) }
    }

    /// SHA-256 of a PEM certificate's DER as raw bytes (for TLSA `x 0 1` records).
    static func certificateDigest(_ pem: URL) throws -> [UInt8] {
        let result = try LabCommandRunner.run(["openssl", "x509", "-in", pem.path, "-noout", "-fingerprint", "-sha256"], timeout: 30).checked()
        guard let hex = result.stdoutText.split(separator: "=", maxSplits: 1).last else { throw ProbeLabError.unexpectedOutput(result.stdoutText) }
        return try bytes(fromColonHex: hex.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func bytes(fromColonHex text: String) throws -> [UInt8] {
        try text.split(separator: ":").map { pair in
            guard let byte = UInt8(pair, radix: 16) else { throw ProbeLabError.unexpectedOutput(text) }
            return byte
        }
    }
}
