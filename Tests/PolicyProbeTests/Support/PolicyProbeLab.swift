import Foundation
import PolicyProbe
import PolicyProbeMTASTS
import TLSPolicy
import TLSPolicyLab
import XCTest

/// One test's lab: a private namespace, a test CA, the servers the test starts (each
/// stopped by its PID in ``stop()``), and a prober whose threads live in the namespace.
final class PolicyProbeLab {
    private let session: LabSession
    var namespace: LabNamespace { session.namespace }
    var ca: TestCertificateAuthority { session.ca }

    init() throws {
        if let reason = LabEnvironment.unavailableReason { throw XCTSkip("lab unavailable: \(reason)") }
        session = try LabSession()
    }

    /// Stops every server by its PID, then the namespace.
    func stop() { session.stop() }

    /// Starts the lab SMTP server on `address:port` with a certificate for `names` (from the
    /// test CA unless `certificate` is given).
    @discardableResult
    func smtp(_ address: String, port: Int = 25, names: [String] = [], certificate: ServerCertificate? = nil,
              behaviour: LabSMTPServerBehaviour = .normal, tls12Only: Bool = false) throws -> ServerCertificate? {
        let chosen = try certificate ?? (names.isEmpty ? nil : ca.issueServerCertificate(names: names))
        try session.started({
            try LabSMTPServerProcess(namespace: namespace, endpoint: SMTPEndpoint(address: address, port: port),
                                     certificate: chosen, behaviour: behaviour, tls12Only: tls12Only)
        }, stop: { try? $0.stop() })
        return chosen
    }

    /// dnsmasq on 127.0.0.1:53 with `records` (no DNSSEC); queries below `refused` get
    /// REFUSED, those below `unanswered` no answer at all.
    func dnsmasq(_ records: [DNSRecord], localDomains: [String] = ["test"], refused: [String] = [],
                 unanswered: [String] = []) throws {
        let zone = DNSZone(records: records, localDomains: localDomains, refusedNames: refused, unansweredNames: unanswered)
        try session.started({ try DnsmasqServer(namespace: namespace, zone: zone) }, stop: { try? $0.stop() })
    }

    /// unbound on 127.0.0.1:53 validating `zones` (signed ones give the AD bit).
    func unbound(_ zones: [UnboundZone]) throws {
        try session.started({ try UnboundServer(namespace: namespace, zones: zones) }, stop: { try? $0.stop() })
    }

    /// An MTA-STS policy server on `address`:8443 with a certificate for `hosts`, serving `policy`.
    func mtaSTSServer(hosts: [String], policy: String, address: String = "127.0.0.1") throws -> PolicyHTTPSServer {
        let certificate = try ca.issueServerCertificate(names: hosts)
        let server = try session.started({ try PolicyHTTPSServer(namespace: namespace, certificate: certificate, address: address) },
                                         stop: { try? $0.stop() })
        try server.serve(.policy(policy))
        return server
    }

    /// The default configuration for this lab: its DNS, its CA, short timeouts.
    func configuration(stepTimeout: Double = 5) -> ProbeConfiguration {
        var configuration = ProbeConfiguration(resolver: "127.0.0.1", port: 25, caFile: ca.certificateFile.path,
                                               concurrency: 16, deadline: 120, dnsTimeoutSeconds: 2, dnsTries: 1)
        configuration.setStepTimeout(stepTimeout)
        return configuration
    }

    /// Probes the entries of `table` (Postfix table text) from inside the namespace.
    ///
    /// Synchronous on purpose: the lab stops its servers through Foundation's `Process`,
    /// whose exit notices reach the main thread's run loop, so tests stay on the main thread
    /// and only wait here (bounded) for the async probe.
    func probe(_ table: String, configuration: ProbeConfiguration? = nil, file: String = "lab.policy") throws -> ProbeRunReport {
        let parser = PolicyValueParser(version: .v3_7, host: PolicyValueParser.HostContext(dnssec: true))
        let policyFile = PolicyFile(name: file, bytes: Array(table.utf8), parser: parser)
        var targets: [ProbeTarget] = []
        for block in policyFile.blocks {
            guard let entry = block.record.entry else { throw LabError.invalidArgument("invalid entry at line \(block.record.lineNumber)") }
            targets.append(ProbeTarget(entry: entry, file: file, line: block.record.lineNumber,
                                       isDANEMarked: block.annotations.known.contains(.dane)))
        }
        let chosen = configuration ?? self.configuration()
        // Created on a thread inside the namespace: the prober's threads inherit its network.
        let prober = try namespace.withNetworkNamespace { try PolicyProber(configuration: chosen, mtaSTS: HTTPSMTASTSPolicySource()) }
        defer { prober.shutdown() }
        let box = ReportBox()
        let done = DispatchSemaphore(value: 0)
        let selected = targets
        Task {
            box.report = await prober.probe(selected)
            done.signal()
        }
        guard done.wait(timeout: .now() + chosen.deadline + 60) == .success, let report = box.report else {
            throw LabError.waitTimedOut(what: "the probe run", seconds: chosen.deadline + 60)
        }
        return report
    }

    /// The DANE setup the DANE tests share, behind the validating resolver: a signed zone
    /// `dane.test` whose TLSA record matches the server at 127.0.0.2 (`dane.test`,
    /// `pkix.dane.test`) or a server at 127.0.0.3 that it does not match (`bad.dane.test`),
    /// and an unsigned zone `plain.test` on the first server, with a TLSA record its missing
    /// signatures make worthless (`plain.test`, `alt.plain.test`, `marked.plain.test`).
    func startDANEZones() throws {
        let good = try XCTUnwrap(try smtp("127.0.0.2", names: ["mx.dane.test", "mx.plain.test"]))
        try smtp("127.0.0.3", names: ["mx-bad.dane.test"])
        let digest = try Self.tlsaData(good)
        try unbound([
            UnboundZone(origin: "dane.test", records: [
                .mx(domain: "dane.test", host: "mx.dane.test", preference: 10),
                .mx(domain: "pkix.dane.test", host: "mx.dane.test", preference: 10),
                .a(name: "mx.dane.test", address: "127.0.0.2"),
                .tlsa(name: "_25._tcp.mx.dane.test", usage: 3, selector: 0, matchingType: 1, data: digest),
                .mx(domain: "bad.dane.test", host: "mx-bad.dane.test", preference: 10),
                .a(name: "mx-bad.dane.test", address: "127.0.0.3"),
                .tlsa(name: "_25._tcp.mx-bad.dane.test", usage: 3, selector: 0, matchingType: 1, data: String(repeating: "ab", count: 32)),
            ], security: .signed),
            UnboundZone(origin: "plain.test", records: [
                .mx(domain: "plain.test", host: "mx.plain.test", preference: 10),
                .mx(domain: "alt.plain.test", host: "mx.plain.test", preference: 10),
                .mx(domain: "marked.plain.test", host: "mx.plain.test", preference: 10),
                .a(name: "mx.plain.test", address: "127.0.0.2"),
                .tlsa(name: "_25._tcp.mx.plain.test", usage: 3, selector: 0, matchingType: 1, data: digest),
            ], security: .unsigned),
        ])
    }

    /// SHA-256 of a certificate's DER, lower-case hex without colons (TLSA `3 0 1` data).
    static func tlsaData(_ certificate: ServerCertificate) throws -> String {
        try certificate.certificateSHA256().replacingOccurrences(of: ":", with: "").lowercased()
    }
}

extension ProbeRunReport {
    /// The report of the entry with `key`; fails the test when there is none.
    func entry(_ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> EntryProbeReport {
        try XCTUnwrap(entries.first { $0.key == key }, "no report for \(key)", file: file, line: line)
    }
}
