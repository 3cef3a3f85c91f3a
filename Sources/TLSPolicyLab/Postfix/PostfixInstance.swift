import ExternalCommand
import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// A real Postfix instance in its own directory, running inside a ``LabNamespace``.
///
/// Layout (docs/testing.md says why each part is needed): `etc/` (main.cf, master.cf), `queue/` on a tmpfs private
/// to the namespace, `data/` owned by `postfix`, and `log/maillog` (there is no syslog:
/// `maillog_file` with the `postlog` service). Every service runs unchrooted (`n` in the
/// chroot column) so that absolute paths, the lab's resolv.conf and test files work.
public final class PostfixInstance {
    /// Short name; also the first label of `myhostname` (`NAME.lab.test`).
    public let name: String
    /// Sender or receiver (sink).
    public let role: PostfixRole
    /// The namespace every command of this instance runs in.
    public let namespace: LabNamespace
    /// The instance's own directory (host-visible, except `queue/`).
    public let directory: URL
    /// `etc/`: main.cf, master.cf and the tables; what `-c` names.
    public var configDirectory: URL { directory.appendingPathComponent("etc") }
    /// `queue/`: a tmpfs inside the namespace once started (empty when seen from the host).
    public var queueDirectory: URL { directory.appendingPathComponent("queue") }
    /// `data/`: owned by `postfix` (tlsmgr's PRNG state and caches).
    public var dataDirectory: URL { directory.appendingPathComponent("data") }
    /// `log/`: the only directory `maillog_file` may be in (`maillog_file_prefixes`).
    public var logDirectory: URL { directory.appendingPathComponent("log") }
    /// `log/maillog`: everything the instance logs (there is no syslog in the lab).
    public var maillogFile: URL { logDirectory.appendingPathComponent("maillog") }
    /// Host PID of the running master daemon, nil when stopped.
    public private(set) var masterPID: pid_t?

    private var parameters: [String: String]
    private var queueMounted = false
    private let logger: Logger

    /// Writes the instance's configuration; does not start it.
    ///
    /// - Parameters:
    ///   - parameters: main.cf settings that override the role's defaults (for example
    ///     `smtp_tls_policy_maps`); an empty value writes `name =`.
    public init(namespace: LabNamespace, name: String, role: PostfixRole, parameters: [String: String] = [:],
                directory: URL? = nil, logger: Logger = Logger(label: "TLSPolicyLab.PostfixInstance")) throws {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw LabError.invalidArgument("Postfix instance name must be letters, digits and '-': \(name)")
        }
        self.name = name
        self.role = role
        self.namespace = namespace
        self.directory = directory ?? namespace.directory.appendingPathComponent("postfix-\(name)")
        self.parameters = parameters
        self.logger = logger
        for dir in [configDirectory, queueDirectory, dataDirectory, logDirectory] {
            try LabFileSystem.createDirectory(dir)
        }
        try LabFileSystem.changeOwner(dataDirectory, user: "postfix")
        if case .receiver(_, let certificate?) = role {
            // smtpd reads the key as root before dropping privileges; keep it private anyway.
            try FileManager.default.copyItem(at: certificate.keyFile, to: configDirectory.appendingPathComponent("server.key"))
            try FileManager.default.copyItem(at: certificate.chainFile, to: configDirectory.appendingPathComponent("server.pem"))
        }
        try writeConfiguration()
    }

    deinit { try? stop(timeout: 5) }

    // MARK: Configuration

    /// main.cf as written: the role's defaults, then the caller's parameters.
    public var mainCf: String {
        var lines: [(String, String)] = [
            ("compatibility_level", "3.6"),
            ("myhostname", "\(name).lab.test"),
            ("mydomain", "lab.test"),
            ("myorigin", "$myhostname"),
            ("queue_directory", queueDirectory.path),
            ("data_directory", dataDirectory.path),
            ("maillog_file", maillogFile.path),
            // maillog_file must lie under one of these prefixes, else postlogd refuses it.
            ("maillog_file_prefixes", logDirectory.path),
            // A listener on another loopback address comes from master.cf; inet_interfaces
            // itself must name an address the namespace has.
            ("inet_interfaces", "127.0.0.1"),
            ("inet_protocols", "ipv4"),
            ("mydestination", ""),
            ("alias_maps", ""),
            ("alias_database", ""),
            ("local_recipient_maps", ""),
            ("biff", "no"),
        ]
        if case .receiver(_, let certificate) = role {
            lines += [
                ("default_transport", "discard"),
                ("relay_transport", "discard"),
                ("mynetworks", "127.0.0.0/8"),
                ("smtpd_relay_restrictions", "permit_mynetworks, reject"),
            ]
            if certificate != nil {
                lines += [
                    ("smtpd_tls_security_level", "may"),
                    ("smtpd_tls_chain_files", "\(configDirectory.path)/server.key, \(configDirectory.path)/server.pem"),
                ]
            }
        }
        var text = "# Written by TLSPolicyLab for instance \(name); do not edit.\n"
        for (key, value) in lines where parameters[key] == nil {
            text += "\(key) = \(value)\n"
        }
        for key in parameters.keys.sorted() {
            text += "\(key) = \(parameters[key] ?? "")\n"
        }
        return text
    }

    /// master.cf as written: Debian's services, all unchrooted, plus postlog and the listeners.
    public var masterCf: String {
        var text = """
        # Written by TLSPolicyLab. Every service runs with chroot = n.
        pickup    unix  n       -       n       60      1       pickup
        cleanup   unix  n       -       n       -       0       cleanup
        qmgr      unix  n       -       n       300     1       qmgr
        tlsmgr    unix  -       -       n       1000?   1       tlsmgr
        rewrite   unix  -       -       n       -       -       trivial-rewrite
        bounce    unix  -       -       n       -       0       bounce
        defer     unix  -       -       n       -       0       bounce
        trace     unix  -       -       n       -       0       bounce
        verify    unix  -       -       n       -       1       verify
        flush     unix  n       -       n       1000?   0       flush
        proxymap  unix  -       -       n       -       -       proxymap
        proxywrite unix -       -       n       -       1       proxymap
        smtp      unix  -       -       n       -       -       smtp
        relay     unix  -       -       n       -       -       smtp
        showq     unix  n       -       n       -       -       showq
        error     unix  -       -       n       -       -       error
        retry     unix  -       -       n       -       -       error
        discard   unix  -       -       n       -       -       discard
        anvil     unix  -       -       n       -       1       anvil
        scache    unix  -       -       n       -       1       scache
        tlsproxy  unix  -       -       n       -       0       tlsproxy
        postlog   unix-dgram n  -       n       -       1       postlogd

        """
        if case .receiver(let endpoints, _) = role {
            for endpoint in endpoints {
                text += "\(endpoint) inet n - n - - smtpd\n"
            }
        }
        return text
    }

    /// Replaces main.cf parameters (merged over the current ones) and, when running, reloads.
    public func setParameters(_ changes: [String: String]) throws {
        parameters.merge(changes) { _, new in new }
        try writeConfiguration()
        if masterPID != nil {
            try namespace.run(["postfix", "-c", configDirectory.path, "reload"], timeout: 30).checked()
        }
    }

    private func writeConfiguration() throws {
        try LabFileSystem.write(mainCf, to: configDirectory.appendingPathComponent("main.cf"), mode: 0o644, backdated: true)
        try LabFileSystem.write(masterCf, to: configDirectory.appendingPathComponent("master.cf"), mode: 0o644, backdated: true)
    }

    /// Writes a file into `etc/` with an old mtime (so Postfix commands do not nap) and returns its URL.
    @discardableResult
    public func writeConfigFile(_ fileName: String, _ data: Data) throws -> URL {
        let url = configDirectory.appendingPathComponent(fileName)
        try LabFileSystem.write(data, to: url, mode: 0o644, backdated: true)
        return url
    }

    // MARK: Lifecycle

    /// Starts the master daemon (`postfix start`; it returns once the master is ready).
    public func start(timeout: TimeInterval = 60) throws {
        if !queueMounted {
            try namespace.mountTmpfs(at: queueDirectory)
            queueMounted = true
        }
        try namespace.run(["postfix", "-c", configDirectory.path, "start"], timeout: timeout).checked()
        let pidFile = queueDirectory.appendingPathComponent("pid/master.pid").path
        let read = try namespace.run(["cat", pidFile], timeout: 10).checked()
        guard let nsPID = pid_t(read.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)),
              let host = ProcessTable.hostPID(forNamespacePID: nsPID, inPIDNamespaceOf: namespace.holderPID) else {
            throw LabError.namespaceSetupFailed("cannot find the master of Postfix instance \(name) from \(pidFile): \(read.stdoutText)")
        }
        masterPID = host
        logger.debug("postfix started", metadata: ["instance": "\(name)", "master": "\(host)"])
    }

    /// `postfix stop`, then makes sure the master PID is gone (SIGKILL after `timeout`).
    public func stop(timeout: TimeInterval = 10) throws {
        guard let pid = masterPID else { return }
        masterPID = nil
        if namespace.isRunning {
            // A failed "postfix stop" is not fatal here: the PID check below decides.
            _ = try? namespace.run(["postfix", "-c", configDirectory.path, "stop"], timeout: timeout)
        }
        try ProcessTable.terminate(pid, what: "Postfix master of instance \(name)", timeout: timeout)
    }

    // MARK: Commands

    /// Runs `postmap -c etc [options] TYPE:FILE`; throws when postmap exits non-zero.
    /// postmap's warnings (dropped lines, duplicates) are in the result's stderr.
    @discardableResult
    public func postmap(type: String = "hash", file: URL, options: [String] = [], timeout: TimeInterval = 60) throws -> CommandResult {
        try namespace.run(["postmap", "-c", configDirectory.path] + options + ["\(type):\(file.path)"], timeout: timeout).checked()
    }

    /// Every key and value stored in an indexed table (`postmap -s`), in the order postmap prints them.
    public func postmapDump(type: String = "hash", file: URL, timeout: TimeInterval = 60) throws -> CommandResult {
        try namespace.run(["postmap", "-c", configDirectory.path, "-s", "\(type):\(file.path)"], timeout: timeout).checked()
    }

    /// A parameter's value as this instance sees it (`postconf -c etc -h NAME`).
    public func postconf(_ parameter: String) throws -> String {
        try namespace.run(["postconf", "-c", configDirectory.path, "-h", parameter], timeout: 30)
            .checked().stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Injects one message with `sendmail -C etc`, addressed to every recipient given.
    public func sendmail(from: String, to recipients: [String], subject: String = "TLSPolicyLab probe", body: String = "probe\n",
                         timeout: TimeInterval = 60) throws {
        guard !recipients.isEmpty else { throw LabError.invalidArgument("sendmail needs at least one recipient") }
        let message = "From: <\(from)>\nSubject: \(subject)\n\n\(body)"
        try namespace.run(["sendmail", "-C", configDirectory.path, "-f", from, "-i", "--"] + recipients,
                          input: Data(message.utf8), timeout: timeout).checked()
    }

    /// Asks the queue manager to retry every deferred message now (`postqueue -f`).
    public func flushQueue(timeout: TimeInterval = 30) throws {
        try namespace.run(["postqueue", "-c", configDirectory.path, "-f"], timeout: timeout).checked()
    }

    /// The maillog text so far (empty before the first line is written).
    public var log: String {
        (try? LabFileSystem.read(maillogFile)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// How many times the master has logged a reload so far (`reload -- version …`).
    public var reloadCount: Int {
        log.split(separator: "\n").filter { $0.contains("reload -- version") }.count
    }

    /// Waits (bounded) until the maillog shows `count` reloads in all; returns the count seen.
    @discardableResult
    public func waitForReloads(_ count: Int, timeout: TimeInterval) -> Int {
        var seen = reloadCount
        _ = ProcessTable.waitUntil(timeout: timeout, interval: 0.05) {
            seen = reloadCount
            return seen >= count
        }
        return seen
    }

    /// Polls the maillog until every recipient has a `status=` line, for at most `timeout` seconds.
    ///
    /// - Returns: the first status of each recipient (the outcome of the first attempt).
    /// - Throws: ``LabError/deliveryTimedOut(missing:seen:seconds:)`` with what was seen so far.
    public func waitForFinalStatus(recipients: [String], timeout: TimeInterval = 60) throws -> [String: DeliveryStatus] {
        let wanted = Set(recipients)
        var seen: [String: DeliveryStatus] = [:]
        let done = ProcessTable.waitUntil(timeout: timeout, interval: 0.05) {
            seen = MailLog(text: log).firstStatusByRecipient.filter { wanted.contains($0.key) }
            return seen.count == wanted.count
        }
        guard done else {
            throw LabError.deliveryTimedOut(missing: wanted.subtracting(seen.keys).sorted(), seen: seen, seconds: timeout)
        }
        return seen
    }
}
