import Foundation
import Logging

/// unbound as a DNSSEC-validating resolver inside the namespace, serving its own zones.
///
/// Each ``UnboundZone`` is written as a zone file, signed (`ldns-keygen` + `ldns-signzone`)
/// when it is ``UnboundZone/Security/signed`` or ``UnboundZone/Security/bogus``, and loaded
/// as an `auth-zone` that only the resolver side uses (`for-upstream: yes`,
/// `for-downstream: no`): answers then go through unbound's validator, with the zone's KSK as
/// trust anchor, so a signed zone's answers carry a real AD bit, an unsigned one's do not,
/// and a bogus one's are SERVFAIL. Every other name is refused (`local-zone: "." refuse`), so
/// unbound never tries to reach a root server. Runs in the foreground (`-d`), stopped by its PID.
public final class UnboundServer: DNSServer {
    /// Every record of every zone (the ``DNSServer`` view).
    public let zone: DNSZone
    /// The zones served.
    public let zones: [UnboundZone]
    /// True when at least one zone is signed: its answers carry the AD bit.
    public let setsAuthenticatedData: Bool
    /// The address unbound listens on.
    public let address: String
    /// The port unbound listens on.
    public let port: Int
    /// The generated configuration file.
    public let configFile: URL

    private let process: LabProcess
    private let namespace: LabNamespace

    /// Writes and signs the zones, starts unbound, and waits (bounded) until it answers.
    public init(namespace: LabNamespace, zones: [UnboundZone], address: String = "127.0.0.1", port: Int = 53,
                timeout: TimeInterval = 20, logger: Logger = Logger(label: "TLSPolicyLab.UnboundServer")) throws {
        guard !zones.isEmpty else { throw LabError.invalidArgument("unbound needs at least one zone") }
        guard SMTPEndpoint.isLoopbackIPv4(address) else {
            throw LabError.invalidArgument("unbound listens on an IPv4 loopback address here, not \(address)")
        }
        guard (1...65_535).contains(port) else { throw LabError.invalidArgument("port \(port)") }
        self.namespace = namespace
        self.zones = zones
        self.address = address
        self.port = port
        self.zone = DNSZone(records: zones.flatMap(\.records))
        self.setsAuthenticatedData = zones.contains { $0.security == .signed }
        let dir = namespace.directory.appendingPathComponent("unbound-\(port)")
        try LabFileSystem.createDirectory(dir)
        self.configFile = dir.appendingPathComponent("unbound.conf")

        var server = """
            # Written by TLSPolicyLab.
            server:
              interface: \(address)
              port: \(port)
              do-ip6: no
              num-threads: 1
              so-reuseport: no
              use-syslog: no
              logfile: ""
              verbosity: 1
              val-log-level: 2
              chroot: ""
              username: ""
              pidfile: ""
              directory: "\(dir.path)"
              do-daemonize: no
              module-config: "validator iterator"
              local-zone: "." refuse

            """
        var authZones = ""
        let signer = try DNSSECZoneSigner(directory: dir.appendingPathComponent("keys"))
        for (index, zone) in zones.enumerated() {
            let plain = dir.appendingPathComponent("zone-\(index)-\(zone.origin).db")
            try LabFileSystem.write(try zone.zoneFileText(), to: plain)
            var served = plain
            if zone.security != .unsigned {
                let result = try signer.sign(zoneFile: plain, origin: zone.origin, expired: zone.security == .bogus, timeout: timeout)
                served = result.signedZoneFile
                server += "  trust-anchor-file: \"\(result.trustAnchorFile.path)\"\n"
            }
            // transparent: the zone's names go on to the iterator (and so the auth-zone)
            // instead of the built-in static "test." zone or the "." refusal.
            server += "  local-zone: \"\(zone.origin).\" transparent\n"
            authZones += """
                auth-zone:
                  name: "\(zone.origin)."
                  zonefile: "\(served.path)"
                  for-upstream: yes
                  for-downstream: no
                  fallback-enabled: no

                """
        }
        try LabFileSystem.write(server + authZones, to: configFile, mode: 0o644)
        try LabCommandRunner.run(["unbound-checkconf", configFile.path], timeout: timeout).checked()

        self.process = try namespace.spawn(["unbound", "-d", "-c", configFile.path],
                                           logFile: dir.appendingPathComponent("unbound.log"), timeout: timeout)
        do {
            try waitUntilAnswering(timeout: timeout)
        } catch {
            try? process.stop()
            throw error
        }
        logger.debug("unbound ready", metadata: ["pid": "\(process.pid)", "zones": "\(zones.map(\.origin))"])
    }

    deinit { try? stop() }

    /// True while unbound runs.
    public var isRunning: Bool { process.isRunning }

    /// What unbound logged so far (validation failures are explained here).
    public var log: String { process.output }

    /// Stops unbound by its PID (SIGTERM, then SIGKILL), bounded.
    public func stop() throws {
        try process.stop()
    }

    /// Waits until the socket is bound, then until a query for the first zone's SOA gets a
    /// reply (any RCODE: the first zone may be the bogus one).
    private func waitUntilAnswering(timeout: TimeInterval) throws {
        let deadline = Date().addingTimeInterval(timeout)
        let bound = ProcessTable.waitUntil(timeout: timeout) {
            !process.isRunning || namespace.isListening(.udp, address: address, port: port)
        }
        guard process.isRunning else {
            throw LabError.serverNotStarted(argv: process.argv, output: process.output)
        }
        guard bound else { throw LabError.waitTimedOut(what: "unbound to bind \(address):\(port)", seconds: timeout) }
        let origin = zones[0].origin
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw LabError.waitTimedOut(what: "unbound to answer \(origin) SOA", seconds: timeout) }
            let result = try namespace.run(["drill", "-p", "\(port)", origin, "SOA", "@\(address)"], timeout: max(1, left))
            if result.stdoutText.contains("rcode:") { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }
}
