import Foundation
import Logging

/// Asks real Postfix (the installed one, 3.7 on Debian 12) for its verdict on every entry of
/// a TLS policy table, exactly as a user wrote it.
///
/// Two levels, both decided by Postfix itself:
/// 1. Table: real `postmap` builds a `hash:` map; its warnings and `postmap -s` / `postmap -q`
///    tell which entries were stored and why the others were dropped.
/// 2. Entry: a sender instance with `smtp_tls_policy_maps = hash:TABLE` sends one message
///    with one recipient per stored key to a loopback receiver (smtpd with STARTTLS, a
///    certificate from a test CA), the recipient domains resolved through the lab's DNS, so
///    that the SMTP client looks each policy up by the recipient domain as in production
///    (`[host]`, `[host]:port` and `host:port` keys are reached through `transport_maps`).
///    An entry is `invalid` when the client logs "client TLS configuration problem" (the
///    specific warning before it is the reason), otherwise `accepted`.
///
/// Every run uses a fresh ``LabNamespace``; nothing outlives ``evaluate(table:name:)``.
public struct PostfixPolicyOracle {
    /// Settings of an oracle run.
    public struct Configuration: Sendable {
        /// main.cf settings for the sending instance, over the oracle's defaults. The
        /// defaults keep Postfix's own defaults for everything that decides validity
        /// (`smtp_dns_support_level` empty, so `dane-only` is invalid), plus Debian's
        /// `smtp_tls_CApath = /etc/ssl/certs` and `compatibility_level = 3.6` (sha256 fingerprints).
        public var senderParameters: [String: String]
        /// Bound for all deliveries of one run to reach a first status.
        public var deliveryTimeout: TimeInterval
        /// Keep the lab directory (configs, logs) after the run, for debugging.
        public var keepDirectory: Bool

        /// Settings; the defaults suit a conformance run.
        public init(senderParameters: [String: String] = [:], deliveryTimeout: TimeInterval = 90, keepDirectory: Bool = false) {
            self.senderParameters = senderParameters
            self.deliveryTimeout = deliveryTimeout
            self.keepDirectory = keepDirectory
        }
    }

    /// The receiver's MX host name and address; every looked-up domain leads here.
    public static let mailHost = "mx.lab.test"
    /// The receiver's loopback address (the sender itself uses 127.0.0.1).
    public static let receiverAddress = "127.0.0.2"
    /// Listeners beyond this many distinct endpoints are not opened (their keys become `notLookedUp`).
    public static let maximumEndpoints = 32

    /// The settings of every run of this oracle.
    public let configuration: Configuration
    private let logger: Logger

    /// An oracle; each ``evaluate(table:name:)`` builds and tears down its own lab.
    public init(configuration: Configuration = Configuration(), logger: Logger = Logger(label: "TLSPolicyLab.PostfixPolicyOracle")) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs postmap and the deliveries for `table` and returns Postfix's verdict on every entry.
    ///
    /// - Parameters:
    ///   - table: the table file's bytes, as the user wrote them (any encoding, any line ends).
    ///   - name: a name for messages and for the file inside the lab.
    public func evaluate(table: Data, name: String = "tls_policy") throws -> PolicyOracleReport {
        let started = Date()
        let namespace = try LabNamespace(keepDirectory: configuration.keepDirectory, logger: logger)
        defer { namespace.stop() }
        let ca = try TestCertificateAuthority(directory: namespace.directory.appendingPathComponent("ca"))
        let certificate = try ca.issueServerCertificate(names: [Self.mailHost], fileName: "mx")

        var senderParameters = [
            "smtp_tls_CApath": "/etc/ssl/certs",
            "smtp_tls_CAfile": ca.certificateFile.path,
            "smtp_tls_loglevel": "1",
        ]
        senderParameters.merge(configuration.senderParameters) { _, new in new }
        let sender = try PostfixInstance(namespace: namespace, name: "sender", role: .sender, parameters: senderParameters, logger: logger)
        defer { try? sender.stop() }
        let tableFile = try sender.writeConfigFile("tls_policy", table)
        try sender.setParameters(["smtp_tls_policy_maps": "hash:\(tableFile.path)"])

        // Level 1: the table, as postmap reads it.
        let tableLevel = try readTable(table, file: tableFile, sender: sender)

        // Level 2: one recipient per stored key that mail can reach.
        let storedKeys = Set(tableLevel.stored.values.map(\.foldedKey))
        var plans: [Int: Plan] = [:]  // by entry index
        var endpoints: [SMTPEndpoint] = [SMTPEndpoint(address: Self.receiverAddress, port: 25)]
        var zone = DNSZone(records: [.a(name: Self.mailHost, address: Self.receiverAddress)])
        var transport = ""
        var routeNumber = 0
        var unreachable: [Int: String] = [:]
        for (index, stored) in tableLevel.stored.sorted(by: { $0.key < $1.key }) {
            switch PolicyLookupRoute.route(forStoredKey: stored.foldedKey, isStored: { storedKeys.contains($0) }) {
            case .recipientDomain(let domain):
                zone.add(.mx(domain: domain, host: Self.mailHost))
                plans[index] = Plan(recipient: "probe@\(domain)", lookupKey: domain)
            case .transport(let nexthop, let host, let isLiteral, let usesMX, let port):
                let endpoint = SMTPEndpoint(address: isLiteral ? host : Self.receiverAddress, port: port)
                if !endpoints.contains(endpoint) {
                    guard endpoints.count < Self.maximumEndpoints else {
                        unreachable[index] = "more than \(Self.maximumEndpoints) distinct listeners needed"
                        continue
                    }
                    endpoints.append(endpoint)
                }
                if usesMX {
                    zone.add(.mx(domain: host, host: Self.mailHost))
                } else if !isLiteral {
                    zone.add(.a(name: host, address: Self.receiverAddress))
                }
                routeNumber += 1
                let domain = "route-\(routeNumber).oracle.lab.test"
                transport += "\(domain) smtp:\(nexthop)\n"
                plans[index] = Plan(recipient: "probe@\(domain)", lookupKey: nexthop)
            case .unreachable(let why):
                unreachable[index] = why
            }
        }

        var statuses: [String: (status: DeliveryStatus, warnings: [String])] = [:]
        var deliveryDuration: TimeInterval = 0
        var senderLog = ""
        if !plans.isEmpty {
            let dns = try DnsmasqServer(namespace: namespace, zone: zone, logger: logger)
            defer { try? dns.stop() }
            let receiver = try PostfixInstance(namespace: namespace, name: "receiver",
                                               role: .receiver(endpoints: endpoints, certificate: certificate), logger: logger)
            defer { try? receiver.stop() }
            if !transport.isEmpty {
                let transportFile = try sender.writeConfigFile("transport", Data(transport.utf8))
                try sender.postmap(type: "hash", file: transportFile)
                try sender.setParameters(["transport_maps": "hash:\(transportFile.path)"])
            }
            try receiver.start()
            try sender.start()
            let recipients = plans.values.map(\.recipient).sorted()
            let deliveryStarted = Date()
            try sender.sendmail(from: "probe@sender.lab.test", to: recipients)
            do {
                _ = try sender.waitForFinalStatus(recipients: recipients, timeout: configuration.deliveryTimeout)
            } catch LabError.deliveryTimedOut(let missing, _, _) {
                logger.warning("oracle: recipients without status", metadata: ["count": "\(missing.count)"])
            }
            deliveryDuration = Date().timeIntervalSince(deliveryStarted)
            senderLog = sender.log
            for item in MailLog(text: senderLog).warningsBeforeEachStatus() where statuses[item.status.recipient] == nil {
                statuses[item.status.recipient] = item
            }
            try sender.stop()
            try receiver.stop()
            try dns.stop()
        }

        var entries: [PolicyOracleEntry] = []
        for (index, line) in tableLevel.lines.enumerated() {
            let plan = plans[index]
            let verdict: PolicyVerdict
            if let dropped = tableLevel.dropped[index] {
                verdict = .dropped(reason: dropped)
            } else if let why = unreachable[index] {
                verdict = .notLookedUp(reason: why)
            } else if let plan {
                verdict = Self.classify(statuses[plan.recipient], timeout: configuration.deliveryTimeout)
            } else {
                verdict = .noVerdict(reason: "not planned (oracle bug)")
            }
            entries.append(PolicyOracleEntry(
                line: line.startLine, endLine: line.endLine, key: line.key, value: line.value,
                recipient: plan?.recipient, lookupKey: plan?.lookupKey, verdict: verdict,
                notes: tableLevel.notes[index] ?? []))
        }
        let report = PolicyOracleReport(
            tableName: name, entries: entries, postmapWarnings: tableLevel.warnings,
            consistencyProblems: tableLevel.problems, duration: Date().timeIntervalSince(started),
            deliveryDuration: deliveryDuration, senderLog: senderLog)
        logger.info("oracle run", metadata: [
            "table": "\(name)", "entries": "\(entries.count)", "seconds": "\(report.duration)", "counts": "\(report.countsByLabel)",
        ])
        return report
    }

    /// The mail that makes the client look one entry up.
    private struct Plan {
        let recipient: String
        let lookupKey: String
    }

    /// One stored entry: its folded key (as the client looks it up).
    private struct StoredEntry {
        let foldedKey: String
    }

    /// What postmap did with each logical line.
    private struct TableLevel {
        var lines: [PostmapSourceLine] = []
        var stored: [Int: StoredEntry] = [:]
        var dropped: [Int: String] = [:]
        var notes: [Int: [String]] = [:]
        var warnings: [String] = []
        var problems: [String] = []
    }

    /// Builds the map with real postmap and works out, line by line, what it stored.
    private func readTable(_ table: Data, file: URL, sender: PostfixInstance) throws -> TableLevel {
        var level = TableLevel()
        level.lines = PostmapSourceReader.read([UInt8](table))
        let built = try sender.postmap(type: "hash", file: file)
        // Name the table by its role, not by the lab's temporary path.
        level.warnings = built.stderrText.split(separator: "\n").map {
            $0.replacingOccurrences(of: file.path + ".db", with: "TABLE.db").replacingOccurrences(of: file.path, with: "TABLE")
        }

        var lineWarnings: [(line: Int, message: String)] = []
        var orphanWarnings: [String] = []
        var duplicateWarnings: [String: String] = [:]
        for warning in level.warnings {
            guard let body = warning.range(of: "warning: ").map({ String(warning[$0.upperBound...]) }) else { continue }
            if body.contains("logical line must not start with whitespace") {
                orphanWarnings.append(body)
            } else if let range = body.range(of: "duplicate entry: \"") {
                let key = String(body[range.upperBound...].dropLast())
                duplicateWarnings[key] = body
            } else if let range = body.range(of: ", line "),
                      let number = Int(body[range.upperBound...].prefix(while: \.isNumber)) {
                lineWarnings.append((number, body))
            }
        }

        // Which keys (as written) did postmap store, and with what value?
        let queryKeys = level.lines.compactMap(\.key).filter { !$0.isEmpty && !$0.contains("\n") }
        var found: [String: String] = [:]
        if !queryKeys.isEmpty {
            let input = Data((queryKeys.joined(separator: "\n") + "\n").utf8)
            let result = try sender.namespace.run(
                ["postmap", "-c", sender.configDirectory.path, "-q", "-", "hash:\(file.path)"], input: input, timeout: 60)
            // Exit 1 just means "some key not found".
            guard result.exitStatus == 0 || result.exitStatus == 1 else { try result.checked(); return level }
            for line in result.stdoutText.split(separator: "\n", omittingEmptySubsequences: true) {
                guard let tab = line.firstIndex(of: "\t") else { continue }
                let key = String(line[..<tab])
                if found[key] == nil { found[key] = String(line[line.index(after: tab)...]) }
            }
        }
        let dump = try sender.postmapDump(type: "hash", file: file)
        let dumpCount = dump.stdoutText.split(separator: "\n", omittingEmptySubsequences: true).count

        var claimed: [String: Int] = [:]  // folded key -> entry index that postmap kept
        var orphanIndex = 0
        for (index, line) in level.lines.enumerated() {
            if line.isOrphanContinuation {
                level.dropped[index] = orphanIndex < orphanWarnings.count
                    ? orphanWarnings[orphanIndex] : "logical line must not start with whitespace"
                orphanIndex += 1
                continue
            }
            let mine = lineWarnings.filter { line.contains(line: $0.line) }.map(\.message)
            // Cross-check: the reader's own prediction of postmap's line-level drops.
            let predicted = !line.isValidUTF8 || line.hasUnbalancedQuote || (line.value ?? "").isEmpty
            let drop = mine.first(where: Self.dropsLine)
            if predicted != (drop != nil) {
                level.problems.append("line \(line.startLine): the reader \(predicted ? "expected" : "did not expect") postmap to drop this line; postmap \(drop ?? "stored it")")
            }
            if let drop {
                level.dropped[index] = drop
                continue
            }
            if !mine.isEmpty { level.notes[index] = mine }
            guard let key = line.key, let value = line.value else { continue }
            let folded = key.lowercased()
            if let first = claimed[folded] {
                level.dropped[index] = duplicateWarnings[folded].map { "\($0) (first at line \(level.lines[first].startLine))" }
                    ?? "duplicate of the key at line \(level.lines[first].startLine) (postmap keeps the first)"
                continue
            }
            guard let storedValue = found[key] else {
                level.dropped[index] = "not stored by postmap (no warning names this line)"
                level.problems.append("line \(line.startLine): key \(key) not found by postmap -q and no warning explains it")
                continue
            }
            if storedValue != value {
                level.problems.append("line \(line.startLine): postmap stored \"\(storedValue)\" for \(key), the reader expected \"\(value)\"")
            }
            claimed[folded] = index
            level.stored[index] = StoredEntry(foldedKey: folded)
        }
        if dumpCount != level.stored.count {
            level.problems.append("postmap -s lists \(dumpCount) keys, the reader accounts for \(level.stored.count)")
        }
        if orphanIndex != orphanWarnings.count {
            level.problems.append("postmap warned about \(orphanWarnings.count) orphan continuation(s), the reader found \(orphanIndex)")
        }
        return level
    }

    /// postmap warnings that mean the line was not stored (others, such as "key: value
    /// format", are notes).
    static func dropsLine(_ message: String) -> Bool {
        message.contains("ignoring this line") || message.contains("expected format")
            || message.contains("skipping this entry") || message.contains("unbalanced")
    }

    /// Turns one recipient's first status (and the warnings before it) into a verdict.
    static func classify(_ item: (status: DeliveryStatus, warnings: [String])?, timeout: TimeInterval) -> PolicyVerdict {
        guard let (status, warnings) = item else {
            return .noVerdict(reason: "no delivery status within \(timeout) s")
        }
        if status.reason.contains("client TLS configuration problem") {
            let specific = warnings.filter { !$0.hasPrefix("TLS policy lookup for ") }
            // Some failures (a tafile without a PEM block) log no warning of their own.
            return .invalid(reason: specific.isEmpty ? "\(status.reason) (no specific warning logged)" : specific.joined(separator: " | "))
        }
        if status.outcome == .sent || status.relay != "none" {
            return .accepted(outcome: status.outcome, detail: status.reason)
        }
        // "TLS policy lookup for DEST/HOST: REASON" with another reason (e.g. "non DNSSEC
        // destination" for dane-only without an AD bit): the entry was parsed and applied;
        // what it demands stopped the delivery before any connection.
        if warnings.contains(where: { $0.hasPrefix("TLS policy lookup for ") }) {
            return .accepted(outcome: status.outcome, detail: status.reason)
        }
        return .noVerdict(reason: "no connection was made, so the policy may not have been looked up: \(status.reason)")
    }
}
