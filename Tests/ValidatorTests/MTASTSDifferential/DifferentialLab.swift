import ExternalCommand
import Foundation
import TLSPolicyLab
import XCTest

/// The lab both implementations run in: one namespace with dnsmasq (MX, TXT and
/// `mta-sts.<domain>` address records for every case), the lab SMTP server as every MX
/// host, one `openssl s_server` on `127.0.1.N:443` per distinct policy response, and the
/// resolver's daemon. Every server is stopped by its PID in ``stop()``.
final class DifferentialLab {
    /// What each implementation said about one case's domain.
    struct Observation {
        /// The entry's `mtaSTS` object from the probe's JSON.
        var project: [String: Any]
        /// `mta-sts-query`'s answer.
        var query: MTASTSQueryAnswer
        /// The daemon's socketmap answer (the Postfix TLS policy), nil for NOTFOUND.
        var daemon: String?
    }

    private let session: LabSession
    private var listeners: [SilentTCPListener] = []
    var namespace: LabNamespace { session.namespace }

    init() throws {
        if let reason = LabEnvironment.unavailableReason { throw XCTSkip("lab unavailable: \(reason)") }
        if let reason = PostfixMTASTSResolver.unavailableReason { throw XCTSkip(reason) }
        session = try LabSession()
    }

    func stop() {
        listeners.forEach { $0.close() }
        listeners = []
        session.stop()
    }

    /// Starts everything for `cases`, runs the probe binary once over all their domains and
    /// the resolver (query tool and daemon) for each, and returns what each said per domain.
    func run(_ cases: [DifferentialCase]) throws -> [String: Observation] {
        let ca = session.ca
        let good = try ca.issueServerCertificate(names: cases.map { "mta-sts.\($0.domain)" }, fileName: "mta-sts-good")
        let mailHost = try ca.issueServerCertificate(names: ["mx1.provider.test"], fileName: "mx1")
        try session.started({
            try LabSMTPServerProcess(namespace: namespace, endpoint: SMTPEndpoint(address: "127.0.0.2"), certificate: mailHost)
        }, stop: { try? $0.stop() })

        var records: [DNSRecord] = [.a(name: "mx1.provider.test", address: "127.0.0.2")]
        var refused: [String] = []
        var servers: [Data: String] = [:]   // one server per distinct response and certificate
        for (index, testCase) in cases.enumerated() {
            records.append(.mx(domain: testCase.domain, host: testCase.mxHost))
            if testCase.mxHost != "mx1.provider.test" { records.append(.a(name: testCase.mxHost, address: "127.0.0.2")) }
            if let txt = testCase.txt {
                records += txt.map { .txt(name: "_mta-sts.\(testCase.domain)", strings: $0) }
            } else {
                refused.append("_mta-sts.\(testCase.domain)")
            }
            let dedicated = "127.0.1.\(index + 1)"
            let address: String?
            switch testCase.endpoint {
            case .standard:
                address = try server(for: .policy(DifferentialCase.standardPolicy), certificate: good, index: index, servers: &servers)
            case .response(let response):
                address = try server(for: response, certificate: good, index: index, servers: &servers)
            case .certificate(let kind):
                let name = "mta-sts.\(testCase.domain)"
                let certificate: ServerCertificate
                switch kind {
                case .wrongName: certificate = try ca.issueServerCertificate(names: ["www.\(testCase.domain)"], fileName: "wrong-name")
                case .expired: certificate = try ca.issueExpiredServerCertificate(names: [name], fileName: "expired")
                case .otherAuthority:
                    let other = try TestCertificateAuthority(directory: namespace.directory.appendingPathComponent("other-ca"), commonName: "Other CA")
                    certificate = try other.issueServerCertificate(names: [name])
                }
                address = try server(for: .policy(DifferentialCase.standardPolicy), certificate: certificate, index: index, servers: &servers,
                                     shared: false)
            case .silent:
                listeners.append(try namespace.withNetworkNamespace { try SilentTCPListener(address: dedicated, port: 443) })
                address = dedicated
            case .closed:
                address = dedicated
            case .noAddress:
                address = nil
            }
            if let address { records.append(.a(name: "mta-sts.\(testCase.domain)", address: address)) }
        }
        let zone = DNSZone(records: records, localDomains: ["test"], refusedNames: refused)
        try session.started({ try DnsmasqServer(namespace: namespace, zone: zone) }, stop: { try? $0.stop() })

        let domains = cases.map(\.domain)
        let project = try probe(domains)
        let queries = try PostfixMTASTSResolver.query(domains, in: namespace, trusting: ca.certificateFile)
        let daemon = try session.started({ try MTASTSResolverDaemon(namespace: namespace, caFile: ca.certificateFile, lookupTimeoutSeconds: 3) },
                                         stop: { try? $0.stop() })
        let answers = try daemon.lookup(domains)
        var observations: [String: Observation] = [:]
        for domain in domains {
            guard let query = queries[domain] else { throw LabError.invalidArgument("no mta-sts-query answer for \(domain)") }
            observations[domain] = Observation(project: project[domain] ?? [:], query: query, daemon: answers[domain])
        }
        return observations
    }

    /// The address of the server answering `response` with `certificate`: an existing one
    /// when `shared` and one answers the same already, else a new one on `127.0.1.(index+1)`.
    private func server(for response: LabHTTPResponse, certificate: ServerCertificate, index: Int,
                        servers: inout [Data: String], shared: Bool = true) throws -> String {
        let bytes = try response.serialized()
        if shared, let address = servers[bytes] { return address }
        let address = "127.0.1.\(index + 1)"
        let server = try session.started({
            try PolicyHTTPSServer(namespace: namespace, certificate: certificate, address: address, port: 443)
        }, stop: { try? $0.stop() })
        try server.serve(response)
        if shared { servers[bytes] = address }
        return address
    }

    /// One run of the real `tls-policy-validator probe --format json` over `domains` (each at
    /// `encrypt`, so that the MTA-STS disagreements name the MX hosts the policy rejects),
    /// trusting the lab CA through `--ca-path` only; returns each entry's `mtaSTS` object.
    private func probe(_ domains: [String]) throws -> [String: [String: Any]] {
        let result = try validatorProbe(domains, format: "json")
        guard let document = try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any],
              let entries = document["entries"] as? [[String: Any]] else {
            throw LabError.unexpectedOutput(argv: result.argv, output: result.stderrText)
        }
        var evidence: [String: [String: Any]] = [:]
        for entry in entries {
            if let key = entry["key"] as? String, let mtaSTS = entry["mtaSTS"] as? [String: Any] { evidence[key] = mtaSTS }
        }
        return evidence
    }

    /// The same probe's text output (`--format table`) for `domains`, once ``run(_:)`` has started the lab.
    func probeText(_ domains: [String]) throws -> String {
        try validatorProbe(domains, format: "table").stdoutText
    }

    private func validatorProbe(_ domains: [String], format: String) throws -> CommandResult {
        let table = namespace.directory.appendingPathComponent("differential-\(format).policy")
        try LabFileSystem.write(domains.map { "\($0) encrypt\n" }.joined(), to: table)
        let capath = namespace.directory.appendingPathComponent("capath")
        let hashed = FileManager.default.fileExists(atPath: capath.path) ? capath : try session.ca.makeHashedDirectory(at: capath)
        let binary = try ProductBinary.named("tls-policy-validator").url.path
        let result = try namespace.run([binary, "probe", "--postfix-version", "3.7", "--resolver", "127.0.0.1",
                                        "--ca-path", hashed.path, "--step-timeout", "4", "--format", format, table.path],
                                       timeout: 120)
        // 0: nothing fails, 1: an entry fails (a certificate or MX case may); anything else is an error.
        guard result.exitStatus == 0 || result.exitStatus == 1 else {
            throw LabError.unexpectedOutput(argv: result.argv, output: result.stderrText)
        }
        return result
    }
}
