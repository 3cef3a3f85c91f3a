import Foundation

/// A real Postfix sender delivering on loopback to receivers with each TLS outcome, so that
/// mail-log readers (the agent's delivery watch, `tls-policy-validator discover`) are tested
/// on the log Postfix really writes, not on lines a test made up.
///
/// Receivers (the lab SMTP server, each on its own loopback address, named by dnsmasq):
/// - `mx.verified.test` (127.0.0.2): a certificate from the test CA for its own name;
/// - `mx.mismatch.test` (127.0.0.3): a test-CA certificate for an unrelated name;
/// - `mx.selfsigned.test` (127.0.0.4): a self-signed certificate;
/// - `mx.plain.test` (127.0.0.5): no STARTTLS.
///
/// The sender runs `smtp_tls_security_level = may`, trusts the test CA, logs TLS summaries
/// (`smtp_tls_loglevel = 1`) and has a `texthash:` policy table (``policyTable``) that
/// enforces TLS for some destinations: some of them deliver under it, the others are
/// deferred by it. ``destinations`` lists each domain, its MX, its entry and what happens.
///
/// Recipients' local parts are people's names on purpose: readers must never show them.
public final class MailLogScenario {
    /// The TLS seen (or not) when delivering to a receiver.
    public enum ReceiverKind: String, Sendable, CaseIterable {
        /// Trusted chain, matching name: `Verified TLS connection established`.
        case verified
        /// Trusted chain, other name: `Trusted TLS connection established`.
        case nameMismatch = "name-mismatch"
        /// Self-signed: `Untrusted TLS connection established`.
        case selfSigned = "self-signed"
        /// No STARTTLS: no TLS line.
        case noStartTLS = "no-starttls"
    }

    /// One recipient domain of the scenario.
    public struct Destination: Sendable, Hashable {
        /// The recipient domain.
        public let domain: String
        /// Its receiver.
        public let receiver: ReceiverKind
        /// Its line in the sender's policy table (nil: none, delivered opportunistically);
        /// for `.parent.test` keys, the table key differs from the domain (``tableKey``).
        public let policy: String?
        /// The table key whose line applies (the domain itself or a `.parent` key).
        public let tableKey: String?
        /// Messages sent to it (one recipient each).
        public let messages: Int
        /// True when the policy makes its delivery fail (deferred), false when it is delivered.
        public let deferredByPolicy: Bool
    }

    /// The scenario's receivers: MX host name, address and kind.
    public static let receivers: [(host: String, address: String, kind: ReceiverKind)] = [
        ("mx.verified.test", "127.0.0.2", .verified),
        ("mx.mismatch.test", "127.0.0.3", .nameMismatch),
        ("mx.selfsigned.test", "127.0.0.4", .selfSigned),
        ("mx.plain.test", "127.0.0.5", .noStartTLS),
    ]

    /// Every destination and what the sender's table says for it.
    public static let destinations: [Destination] = [
        // Opportunistic: no entry. The first two are what `discover` should turn into entries.
        Destination(domain: "verified.test", receiver: .verified, policy: nil, tableKey: nil, messages: 3, deferredByPolicy: false),
        Destination(domain: "partner.test", receiver: .verified, policy: nil, tableKey: nil, messages: 2, deferredByPolicy: false),
        Destination(domain: "mismatch.test", receiver: .nameMismatch, policy: nil, tableKey: nil, messages: 2, deferredByPolicy: false),
        Destination(domain: "selfsigned.test", receiver: .selfSigned, policy: nil, tableKey: nil, messages: 2, deferredByPolicy: false),
        Destination(domain: "plain.test", receiver: .noStartTLS, policy: nil, tableKey: nil, messages: 1, deferredByPolicy: false),
        // Enforced and delivered: an exact key and a parent-domain key.
        Destination(domain: "enforced.test", receiver: .verified, policy: "secure match=mx.verified.test",
                    tableKey: "enforced.test", messages: 2, deferredByPolicy: false),
        Destination(domain: "mail.group.test", receiver: .verified, policy: "secure match=mx.verified.test",
                    tableKey: ".group.test", messages: 1, deferredByPolicy: false),
        Destination(domain: "tolerant.test", receiver: .selfSigned, policy: "encrypt",
                    tableKey: "tolerant.test", messages: 1, deferredByPolicy: false),
        // Enforced and deferred by the policy: each of Postfix's TLS policy failures the lab can provoke.
        Destination(domain: "strict.test", receiver: .noStartTLS, policy: "encrypt",
                    tableKey: "strict.test", messages: 1, deferredByPolicy: true),
        Destination(domain: "pinned.test", receiver: .nameMismatch, policy: "secure",
                    tableKey: "pinned.test", messages: 1, deferredByPolicy: true),
        Destination(domain: "distrusted.test", receiver: .selfSigned, policy: "secure match=mx.selfsigned.test",
                    tableKey: "distrusted.test", messages: 1, deferredByPolicy: true),
    ]

    /// Local parts used for recipients, in turn.
    static let localParts = ["alice.example", "bob", "carol.smith", "dave"]

    /// The policy table as the sender reads it (texthash: no postmap needed).
    public static var policyTableText: String {
        var keys: [String: String] = [:]
        for destination in destinations {
            if let key = destination.tableKey, let policy = destination.policy { keys[key] = policy }
        }
        return keys.keys.sorted().map { "\($0) \(keys[$0] ?? "")\n" }.joined()
    }

    public let session: LabSession
    public let sender: PostfixInstance
    /// The sender's `smtp_tls_policy_maps` source file.
    public let policyTable: URL
    public var namespace: LabNamespace { session.namespace }
    /// Messages sent so far: recipients stay unique across runs (``run(timeout:)`` may be
    /// called again, for example around a log rotation).
    private var sentCount = 0

    /// Starts dnsmasq, the receivers and the sender (needs root: check
    /// ``LabEnvironment/unavailableReason`` first). Everything is stopped by ``stop()``.
    public init() throws {
        session = try LabSession()
        do {
            let namespace = session.namespace
            let ca = session.ca
            var records: [DNSRecord] = []
            for receiver in Self.receivers {
                let certificate: ServerCertificate?
                switch receiver.kind {
                case .verified:
                    certificate = try ca.issueServerCertificate(names: [receiver.host], fileName: receiver.host)
                case .nameMismatch:
                    certificate = try ca.issueServerCertificate(names: ["mail.unrelated.test"], fileName: receiver.host)
                case .selfSigned:
                    certificate = try ca.makeSelfSignedCertificate(names: [receiver.host], fileName: receiver.host)
                case .noStartTLS:
                    certificate = nil
                }
                try session.started({
                    try LabSMTPServerProcess(namespace: namespace, endpoint: SMTPEndpoint(address: receiver.address),
                                             hostname: receiver.host, certificate: certificate,
                                             behaviour: receiver.kind == .noStartTLS ? .noStarttls : .normal)
                }, stop: { try? $0.stop() })
                records.append(.a(name: receiver.host, address: receiver.address))
            }
            for destination in Self.destinations {
                guard let host = Self.receivers.first(where: { $0.kind == destination.receiver })?.host else { continue }
                records.append(.mx(domain: destination.domain, host: host))
            }
            try session.started({
                try DnsmasqServer(namespace: namespace, zone: DNSZone(records: records, localDomains: ["test"]))
            }, stop: { try? $0.stop() })
            let table = namespace.directory.appendingPathComponent("tls_policy")
            try LabFileSystem.write(Self.policyTableText, to: table, backdated: true)
            policyTable = table
            sender = try session.started({
                let sender = try PostfixInstance(namespace: namespace, name: "sender", role: .sender, parameters: [
                    "smtp_tls_security_level": "may",
                    "smtp_tls_CAfile": ca.certificateFile.path,
                    "smtp_tls_loglevel": "1",
                    "smtp_tls_policy_maps": "texthash:\(table.path)",
                ])
                try sender.start()
                return sender
            }, stop: { try? $0.stop() })
        } catch {
            session.stop()
            throw error
        }
    }

    /// Stops the sender, DNS and receivers by their PIDs, then the namespace.
    public func stop() { session.stop() }

    /// Sends every destination's messages (one recipient each) and waits (bounded) until
    /// each has its first status line. May be called again: each run's recipients are new.
    ///
    /// - Returns: the sender's whole log so far, what this run sent, and its statuses.
    public func run(timeout: TimeInterval = 60) throws -> MailLogScenarioResult {
        var recipients: [String] = []
        for destination in Self.destinations {
            for _ in 0..<destination.messages {
                let number = sentCount
                let recipient = "\(Self.localParts[number % Self.localParts.count]).\(number)@\(destination.domain)"
                sentCount += 1
                try sender.sendmail(from: "probe@sender.lab.test", to: [recipient])
                recipients.append(recipient)
            }
        }
        let statuses = try sender.waitForFinalStatus(recipients: recipients, timeout: timeout)
        return MailLogScenarioResult(log: sender.log, destinations: Self.destinations, statuses: statuses.map { $0.value })
    }
}
