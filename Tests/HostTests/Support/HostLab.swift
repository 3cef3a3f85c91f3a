import ExternalCommand
import Foundation
import TLSPolicyLab
import XCTest

/// The host test's world, inside one lab namespace (loopback only): two receiving SMTP
/// servers, dnsmasq naming them as the test domains' MX hosts, a signed dataset repository
/// served over smart HTTPS, and a fresh Debian 12 host (``DebianHostRoot``) on which the
/// package is installed. The servers live on the test machine's side of the shared
/// loopback network; the host sees only the packages, read-only at /srv/lab/debs.
/// ``stop()`` stops the root, then every server by its PID, then the namespace.
final class HostLab {
    /// MX of good.test: a certificate for its own name, on 127.0.0.2.
    static let providerMX = "mx1.provider.test"
    /// MX of moved.test: a certificate that names only itself, on 127.0.0.3.
    static let hostingMX = "mx.hosting.test"
    /// The release: both domains must present a certificate under .provider.test.
    static let release = [
        "policy/provider.policy": """
            # Provider: Provider
            # Evidence: TLSPolicyLab, host test

            good.test secure match=.provider.test
            moved.test secure match=.provider.test

            """,
    ]
    /// The dataset's Git host: a smart-HTTPS server (lighttpd, `git http-backend`) on
    /// loopback, its name served by the lab's DNS, its certificate from the lab CA.
    static let gitHost = "git.lab.test"
    static let gitAddress = "127.0.0.5"

    let session: LabSession
    let root: DebianHostRoot
    let repository: GitFixtureRepository
    let signingKey: SSHSigningKey
    /// agent.cf's repository_url: the HTTPS remote by name.
    let remoteURL: String
    /// Host-side directory shown at /srv/lab inside the root.
    let shared: URL

    var namespace: LabNamespace { session.namespace }

    init(inputs: HostTestInputs) throws {
        session = try LabSession()
        do {
            let namespace = session.namespace
            let directory = namespace.directory
            for (address, host) in [("127.0.0.2", Self.providerMX), ("127.0.0.3", Self.hostingMX)] {
                let certificate = try session.ca.issueServerCertificate(names: [host], fileName: host)
                try session.started({
                    try LabSMTPServerProcess(namespace: namespace, endpoint: SMTPEndpoint(address: address),
                                             hostname: host, certificate: certificate, behaviour: .normal)
                }, stop: { try? $0.stop() })
            }
            try session.started({
                try DnsmasqServer(namespace: namespace, zone: DNSZone(records: [
                    .a(name: Self.providerMX, address: "127.0.0.2"), .a(name: Self.hostingMX, address: "127.0.0.3"),
                    .mx(domain: "good.test", host: Self.providerMX), .mx(domain: "moved.test", host: Self.hostingMX),
                    .a(name: Self.gitHost, address: Self.gitAddress),
                ], localDomains: ["test"]))
            }, stop: { try? $0.stop() })

            let shared = directory.appendingPathComponent("shared")
            self.shared = shared
            try LabFileSystem.createDirectory(shared)
            signingKey = try SSHSigningKey.generate(at: directory.appendingPathComponent("maintainer"))
            let repository = try GitFixtureRepository(directory: directory.appendingPathComponent("remote/dataset"))
            self.repository = repository
            let ca = session.ca
            let server = try session.started({
                try GitHTTPSServer.start(repository: repository.directory, namespace: namespace, ca: ca,
                                         hostName: Self.gitHost, address: Self.gitAddress, port: 443)
            }, stop: { try? $0.stop() })
            remoteURL = server.url(host: Self.gitHost)
            root = try session.started({
                try DebianHostRoot(namespace: namespace, cachedRoot: inputs.cachedRoot,
                                   directory: directory.appendingPathComponent("host"), sharedDirectory: shared)
            }, stop: { $0.stop() })
        } catch {
            session.stop()
            throw error
        }
    }

    func stop() { session.stop() }

    /// Commits the release files and tags them `tag`, signed by the maintainer's SSH key.
    func publish(_ tag: String) throws {
        try repository.commit(files: Self.release, message: "dataset for \(tag)")
        try repository.tag(tag, message: "Release \(tag)\n\nExpires: 2099-01-01T00:00:00Z\n", signing: .ssh(signingKey))
    }

    /// Runs a command in the root and insists on exit 0, naming the command and its output otherwise.
    @discardableResult
    func inRoot(_ argv: [String], input: Data? = nil, timeout: TimeInterval = 120) throws -> CommandResult {
        let result = try root.run(argv, input: input, timeout: timeout)
        guard result.succeeded else {
            // dpkg and apt say why on standard output as often as on standard error.
            throw CommandError.failed(argv: argv, termination: result.termination, stderr: result.stdoutText + result.stderrText)
        }
        return result
    }

    /// The service's `ExecStart=` run the way systemd would run it: under the sandbox its
    /// installed unit file describes (ProtectSystem=strict, ReadWritePaths=, StateDirectory=,
    /// PrivateTmp=, ProtectHome=, UMask=).
    func runService(extraArguments: [String] = []) throws -> CommandResult {
        try root.run(try sandbox().launchCommand(extraArguments: extraArguments), timeout: 120)
    }

    /// The sandbox of the installed service, from its unit file.
    func sandbox() throws -> UnitSandbox {
        try UnitSandbox(unit: SystemdUnitFile.read(root.hostURL("/lib/systemd/system/tls-policy-agent.service")))
    }

    /// Every delivery status in the root's Postfix log so far.
    var deliveries: [DeliveryStatus] {
        MailLog(text: (try? root.read("/var/log/postfix.log")) ?? "").deliveryStatuses
    }

    /// Sends one message per recipient through the root's Postfix (its sendmail) and waits
    /// (bounded) for each to get a status beyond the `skipping` first ones.
    func deliver(to recipients: [String], skipping: Int, timeout: TimeInterval = 30) throws -> [String: DeliveryStatus] {
        for recipient in recipients {
            try inRoot(["sendmail", "-f", "postmaster@mail.host.test", "-i", "--", recipient],
                       input: Data("From: <postmaster@mail.host.test>\nSubject: to \(recipient)\n\nhost test\n".utf8), timeout: 60)
        }
        var found: [String: DeliveryStatus] = [:]
        let done = ProcessTable.waitUntil(timeout: timeout, interval: 0.1) {
            found = [:]
            for status in deliveries.dropFirst(skipping) where recipients.contains(status.recipient) && found[status.recipient] == nil {
                found[status.recipient] = status
            }
            return found.count == recipients.count
        }
        guard done else {
            throw LabError.deliveryTimedOut(missing: recipients.filter { found[$0] == nil }, seen: found, seconds: timeout)
        }
        return found
    }
}
