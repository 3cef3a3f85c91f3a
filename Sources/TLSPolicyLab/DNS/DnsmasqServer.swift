import Foundation
import Logging

/// dnsmasq on 127.0.0.1:53 inside the namespace, answering from a ``DNSZone`` without
/// the AD bit (no DNSSEC). Runs in the foreground (`-k`) and is stopped by its PID.
public final class DnsmasqServer: DNSServer {
    /// The records served.
    public let zone: DNSZone
    /// dnsmasq here does no DNSSEC: answers never carry the AD bit.
    public let setsAuthenticatedData = false
    /// The generated configuration file.
    public let configFile: URL

    /// The running dnsmasq (for example to ``LabProcess/suspend()`` it: a DNS server
    /// that never answers).
    public let process: LabProcess
    private let namespace: LabNamespace

    /// Writes the configuration, starts dnsmasq, and waits (bounded) until it answers the
    /// first A, MX or wildcard name of the zone.
    public init(namespace: LabNamespace, zone: DNSZone, timeout: TimeInterval = 10,
                logger: Logger = Logger(label: "TLSPolicyLab.DnsmasqServer")) throws {
        self.zone = zone
        self.namespace = namespace
        let dir = namespace.directory.appendingPathComponent("dnsmasq")
        try LabFileSystem.createDirectory(dir)
        self.configFile = dir.appendingPathComponent("dnsmasq.conf")
        try LabFileSystem.write(try Self.configuration(for: zone),
                                to: configFile, mode: 0o644)
        // -k: stay in the foreground, so that the PID the lab holds is dnsmasq's own.
        self.process = try namespace.spawn(["dnsmasq", "-k", "--conf-file=\(configFile.path)"],
                                           logFile: dir.appendingPathComponent("dnsmasq.log"), timeout: timeout)
        do {
            try waitUntilAnswering(timeout: timeout)
        } catch {
            try? process.stop()
            throw error
        }
        logger.debug("dnsmasq ready", metadata: ["pid": "\(process.pid)", "records": "\(zone.records.count)"])
    }

    deinit { try? stop() }

    /// The dnsmasq configuration for `zone`: no upstream, no /etc/hosts, loopback only.
    public static func configuration(for zone: DNSZone) throws -> String {
        var text = """
        # Written by TLSPolicyLab.
        no-resolv
        no-hosts
        no-poll
        bind-interfaces
        listen-address=127.0.0.1
        port=53
        log-facility=-

        """
        for domain in zone.localDomains {
            try DNSRecord.validateName(domain)
            text += "local=/\(domain)/\n"
        }
        for name in zone.refusedNames {
            try DNSRecord.validateName(name)
            // "#" sends the name to the default upstream servers, and with no-resolv there are
            // none: dnsmasq answers REFUSED at once (measured with drill), more specific than local=.
            text += "server=/\(name)/#\n"
        }
        for name in zone.unansweredNames {
            try DNSRecord.validateName(name)
            // Forwarded to a loopback port where nothing listens: dnsmasq gets no answer and
            // gives none (measured: the client times out), without a packet leaving loopback.
            text += "server=/\(name)/127.0.0.1#9\n"
        }
        for record in zone.records {
            try record.validate()
            switch record {
            case .mx(let domain, let host, let preference):
                text += "mx-host=\(domain),\(host),\(preference)\n"
            case .a(let name, let address):
                text += "host-record=\(name),\(address)\n"
            case .wildcardA(let domain, let address):
                text += "address=/\(domain)/\(address)\n"
            case .nullMX(let domain):
                // mx-host cannot name the root; a raw MX RDATA can: preference 0, target ".".
                text += "dns-rr=\(domain),15,000000\n"
            case .aaaa(let name, let address):
                text += "host-record=\(name),\(address)\n"
            case .tlsa(let name, let usage, let selector, let matchingType, let data):
                text += "dns-rr=\(name),52,\(String(format: "%02x%02x%02x", usage, selector, matchingType))\(data)\n"
            case .txt(let name, let strings):
                text += "txt-record=\(name)" + strings.map { ",\"\($0)\"" }.joined() + "\n"
            case .cname(let name, let target):
                text += "cname=\(name),\(target)\n"
            }
        }
        return text
    }

    /// True while dnsmasq runs.
    public var isRunning: Bool { process.isRunning }

    /// Stops dnsmasq by its PID (SIGTERM, then SIGKILL), bounded.
    public func stop() throws {
        try process.stop()
    }

    /// Waits until dnsmasq has bound 127.0.0.1:53, then checks with one `drill` query
    /// that it answers the zone.
    private func waitUntilAnswering(timeout: TimeInterval) throws {
        let bound = ProcessTable.waitUntil(timeout: timeout) {
            !process.isRunning || namespace.isListening(.udp, address: "127.0.0.1", port: 53)
        }
        guard process.isRunning else {
            throw LabError.serverNotStarted(argv: process.argv, output: process.output)
        }
        guard bound else { throw LabError.waitTimedOut(what: "dnsmasq to bind 127.0.0.1:53", seconds: timeout) }
        let probe: String = zone.records.lazy.compactMap { record -> String? in
            switch record {
            case .a(let name, _): return name
            case .mx(let domain, _, _): return domain
            case .wildcardA(let domain, _): return domain
            case .nullMX, .aaaa, .tlsa, .txt, .cname: return nil
            }
        }.first ?? "lab.test"
        let result = try namespace.run(["drill", probe, "@127.0.0.1"], timeout: timeout)
        guard result.succeeded, result.stdoutText.contains("rcode: NOERROR") else {
            throw LabError.unexpectedOutput(argv: result.argv, output: "\(result.termination): \(result.stderrText)\(result.stdoutText)")
        }
    }
}
