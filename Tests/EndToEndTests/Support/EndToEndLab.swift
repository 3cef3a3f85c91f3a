import ExternalCommand
import Foundation
import TLSPolicyLab
import XCTest

/// The whole system on loopback, inside one lab namespace: three receiving SMTP servers,
/// dnsmasq naming them as the test domains' MX hosts, a signed dataset repository, and a
/// real Postfix sender whose `smtp_tls_policy_maps` is whatever `tls-policy-agent sync`
/// deployed. ``stop()`` stops every server by its PID (last started, first stopped).
final class EndToEndLab {
    /// MX host with a certificate for its own name, on 127.0.0.2.
    static let providerMX = "mx1.provider.test"
    /// MX host a domain moved to; its certificate names only itself, on 127.0.0.3.
    static let hostingMX = "mx.hosting.test"
    /// MX host that does not offer STARTTLS (as if an attacker stripped it), on 127.0.0.4.
    static let strippedMX = "mx.stripped.test"
    /// MX host whose certificate names another host until ``fixCanaryCertificate()``, on 127.0.0.5.
    static let canaryMX = "mx.canary.test"
    /// MX host that accepts connections and never sends its banner, on 127.0.0.6.
    static let stallMX = "mx.stall.test"

    /// Each test domain's MX host.
    static let mxHosts = [
        "good.test": providerMX,
        "moved.test": hostingMX,
        "stripped.test": strippedMX,
        "plain.test": hostingMX,
        "legacy.test": strippedMX,
        "canary.test": canaryMX,
        "stall.test": stallMX,
        // Under a parent-domain key (`.legacy.test`) that does not cover legacy.test itself.
        "mail.legacy.test": strippedMX,
    ]

    let session: LabSession
    let sender: PostfixInstance
    let repository: GitFixtureRepository
    let mapPath: String
    private let signingKey: SSHSigningKey
    private let agentConfig: String
    private let agent: String
    private let validator: String
    /// The receiving servers by MX host, so a test can replace one (``replaceCertificate(of:names:)``).
    private var servers: [String: LabSMTPServerProcess] = [:]
    /// The agent's state directory.
    let stateDirectory: String
    /// The agent's metrics file (`--metrics-file` of ``sync(_:)``).
    let metricsPath: String

    var namespace: LabNamespace { session.namespace }

    /// `agentSettings`: more `agent.cf` lines (`mail_log = ...`, `metrics_file = ...`), given
    /// the sender and the agent's state directory.
    init(agentSettings: (_ sender: PostfixInstance, _ stateDirectory: String) -> [String] = { _, _ in [] }) throws {
        if let reason = LabEnvironment.unavailableReason { throw XCTSkip("lab unavailable: \(reason)") }
        agent = try ProductBinary.named("tls-policy-agent").url.path
        validator = try ProductBinary.named("tls-policy-validator").url.path
        session = try LabSession()
        do {
            let namespace = session.namespace
            let directory = namespace.directory
            let ca = session.ca
            let servers: [(address: String, host: String, behaviour: LabSMTPServerBehaviour)] = [
                ("127.0.0.2", Self.providerMX, .normal),
                ("127.0.0.3", Self.hostingMX, .normal),
                ("127.0.0.4", Self.strippedMX, .noStarttls),
                ("127.0.0.6", Self.stallMX, .stallBanner),
            ]
            var records: [DNSRecord] = []
            var started: [String: LabSMTPServerProcess] = [:]
            for server in servers {
                let certificate = server.behaviour == .normal
                    ? try ca.issueServerCertificate(names: [server.host], fileName: server.host) : nil
                started[server.host] = try session.started({
                    try LabSMTPServerProcess(namespace: namespace, endpoint: SMTPEndpoint(address: server.address),
                                             hostname: server.host, certificate: certificate, behaviour: server.behaviour)
                }, stop: { try? $0.stop() })
                records.append(.a(name: server.host, address: server.address))
            }
            // A receiver whose certificate, from the lab's trusted CA, names another host
            // (``replaceCertificate(of:names:)`` gives it a matching one).
            let wrong = try ca.issueServerCertificate(names: ["other.canary-lab.test"], fileName: "other.canary-lab.test")
            started[Self.canaryMX] = try session.started({
                try LabSMTPServerProcess(namespace: namespace, endpoint: SMTPEndpoint(address: "127.0.0.5"),
                                         hostname: Self.canaryMX, certificate: wrong)
            }, stop: { try? $0.stop() })
            records.append(.a(name: Self.canaryMX, address: "127.0.0.5"))
            self.servers = started
            for (domain, host) in Self.mxHosts.sorted(by: { $0.key < $1.key }) {
                records.append(.mx(domain: domain, host: host))
            }
            try session.started({
                try DnsmasqServer(namespace: namespace, zone: DNSZone(records: records, localDomains: ["test"]))
            }, stop: { try? $0.stop() })

            signingKey = try SSHSigningKey.generate(at: directory.appendingPathComponent("maintainer"))
            let allowedSigners = try AllowedSignersFile.write(
                [signingKey.allowedSignersLine(principal: "maintainer@example.test")],
                to: directory.appendingPathComponent("allowed_signers"))
            repository = try GitFixtureRepository(directory: directory.appendingPathComponent("dataset"))

            let maps = directory.appendingPathComponent("maps")
            try LabFileSystem.createDirectory(maps)
            let map = maps.appendingPathComponent("tls_policy").path
            mapPath = map
            // Production-like: opportunistic TLS by default, the deployed table enforces more.
            sender = try session.started({
                let sender = try PostfixInstance(namespace: namespace, name: "sender", role: .sender, parameters: [
                    "smtp_tls_security_level": "may",
                    "smtp_tls_CAfile": ca.certificateFile.path,
                    "smtp_tls_loglevel": "1",
                    "smtp_tls_policy_maps": "hash:\(map)",
                ])
                try sender.start()
                return sender
            }, stop: { try? $0.stop() })

            let state = directory.appendingPathComponent("agent-state").path
            metricsPath = directory.appendingPathComponent("agent.prom").path
            stateDirectory = state
            agentConfig = directory.appendingPathComponent("agent.cf").path
            try LabFileSystem.write("""
                repository_url = file://\(repository.directory.path)
                release_tag = v*
                ssh_allowed_signers = \(allowedSigners.path)
                policy_map = hash:\(mapPath)
                postfix_config_directory = \(sender.configDirectory.path)
                state_directory = \(state)
                \(agentSettings(sender, state).joined(separator: "\n"))

                """, to: URL(fileURLWithPath: agentConfig), backdated: true)
        } catch {
            session.stop()
            throw error
        }
    }

    func stop() { session.stop() }

    // MARK: The dataset and the agent

    /// Commits `files` and tags the commit `tag`, signed with the trusted SSH key.
    func release(_ tag: String, files: [String: String]) throws {
        try repository.commit(files: files, message: "dataset for \(tag)")
        try repository.tag(tag, message: "Release \(tag)\n\nExpires: 2099-01-01T00:00:00Z\n", signing: .ssh(signingKey))
    }

    /// `tls-policy-agent sync --config agent.cf ARGUMENTS`, run inside the namespace, with
    /// the metrics file at ``metricsPath`` and the canary's deadline short.
    func sync(_ arguments: [String] = []) throws -> CommandResult {
        try namespace.run([agent, "sync", "--config", agentConfig, "--metrics-file", metricsPath, "--canary-timeout", "20s"]
                          + arguments, timeout: 120)
    }

    /// `tls-policy-agent status ARGUMENTS`, run inside the namespace.
    func status(_ arguments: [String] = []) throws -> CommandResult {
        try namespace.run([agent, "status", "--config", agentConfig] + arguments, timeout: 30)
    }

    /// Stops the server of MX `host` by its PID and starts it again on the same address with
    /// a certificate from the lab CA for `names` instead of its own.
    func replaceCertificate(of host: String, names: [String]) throws {
        guard let old = servers[host] else { throw LabError.invalidArgument("no lab server for \(host)") }
        try old.stop()
        let certificate = try session.ca.issueServerCertificate(names: names, fileName: "\(host)-replaced")
        let namespace = session.namespace
        servers[host] = try session.started({
            try LabSMTPServerProcess(namespace: namespace, endpoint: old.endpoint, hostname: host,
                                     certificate: certificate, behaviour: old.behaviour)
        }, stop: { try? $0.stop() })
    }

    /// `postmap -q KEY` on the deployed map, as the sender sees it; nil when absent.
    func deployedValue(_ key: String) throws -> String? {
        let result = try namespace.run(["postmap", "-c", sender.configDirectory.path, "-q", key, "hash:\(mapPath)"], timeout: 30)
        return result.exitStatus == 0 ? result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    /// The built validator's `probe --format json` over `files`, with the lab's DNS and CA.
    func probe(_ files: [URL]) throws -> CommandResult {
        try namespace.run([validator, "probe", "--format", "json", "--postfix-version", "3.7", "--resolver", "127.0.0.1",
                           "--ca-file", session.ca.certificateFile.path, "--step-timeout", "5", "--no-mta-sts"]
                          + files.map(\.path), timeout: 120)
    }

    // MARK: Postfix

    /// How many times the sender's master has reloaded, from its log.
    var reloadCount: Int { sender.reloadCount }

    /// Waits (bounded) until the master has reloaded `count` times in all.
    func waitForReloads(_ count: Int, timeout: TimeInterval = 10) -> Bool {
        sender.waitForReloads(count, timeout: timeout) >= count
    }

    /// Every delivery attempt the sender has logged so far.
    var attempts: [DeliveryAttempt] { DeliveryAttempt.all(in: MailLog(text: sender.log)) }

    /// Waits (bounded) until each recipient has an attempt beyond the first `skipping`
    /// attempts of the log, and returns the first such attempt per recipient.
    func waitForAttempts(_ recipients: [String], skipping: Int = 0, timeout: TimeInterval = 30) throws -> [String: DeliveryAttempt] {
        var found: [String: DeliveryAttempt] = [:]
        let done = ProcessTable.waitUntil(timeout: timeout, interval: 0.05) {
            found = [:]
            for attempt in attempts.dropFirst(skipping) where recipients.contains(attempt.status.recipient) {
                if found[attempt.status.recipient] == nil { found[attempt.status.recipient] = attempt }
            }
            return found.count == recipients.count
        }
        guard done else {
            throw LabError.deliveryTimedOut(missing: recipients.filter { found[$0] == nil },
                                            seen: found.mapValues(\.status), seconds: timeout)
        }
        return found
    }
}
