import Foundation
import PolicyGit
import TLSPolicyLab
import XCTest

/// What the transport tests of one class share, made once per class: a lab namespace
/// with a test CA, an origin repository built by real git with one release tag, and the
/// servers the class starts (each stopped by its PID in ``shutDown()``, then the namespace).
final class GitRemoteLab {
    let session: LabSession
    let origin: GitFixtureRepository
    /// The origin's release tag, as git reports it.
    let release: GitTagReference

    /// The servers a test class started (each registered with ``start(_:stop:)``).
    var https: GitHTTPSServer?
    var untrustedHTTPS: GitHTTPSServer?
    var dns: DnsmasqServer?
    var ssh: GitSSHServer?

    var namespace: LabNamespace { session.namespace }
    var ca: TestCertificateAuthority { session.ca }

    /// Skips (never passes) where the lab or `programs` are missing.
    init(programs: [String]) throws {
        if let reason = LabEnvironment.unavailableReason { throw XCTSkip("lab unavailable: \(reason)") }
        let missing = programs.filter { (try? LabCommandRunner.locate($0)) == nil }
        if !missing.isEmpty {
            throw XCTSkip("programs not installed: \(missing.joined(separator: ", ")) (./scripts/test installs them)")
        }
        session = try LabSession()
        do {
            origin = try GitFixtureRepository(directory: session.namespace.directory.appendingPathComponent("policy"))
            try origin.commit(files: ["policy/example.test.policy": "example.test secure\n"], message: "first")
            let id = try origin.tag("v1.0.0", message: "Release 1.0.0\n")
            release = GitTagReference(name: "v1.0.0", objectID: try XCTUnwrap(GitObjectID(hex: id)))
        } catch {
            session.stop()
            throw error
        }
    }

    /// Starts a server and registers it to be stopped with the lab.
    func start<Server>(_ start: () throws -> Server, stop: @escaping (Server) -> Void) throws -> Server {
        try session.started(start, stop: stop)
    }

    func shutDown() {
        session.stop()
    }

    /// A fresh, empty cache directory path in the lab's directory.
    func newCachePath() -> String {
        namespace.directory.appendingPathComponent("cache-\(UUID().uuidString.prefix(8)).git").path
    }

    /// Writes `text` to a new file in the lab's directory and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = namespace.directory.appendingPathComponent(name)
        try LabFileSystem.write(text, to: url)
        return url.path
    }
}
