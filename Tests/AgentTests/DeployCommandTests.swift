import ExternalCommand
import Foundation
import PolicySync
import TLSPolicyLab
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `tls-policy-agent deploy`, the real binary, run inside a lab namespace beside a real
/// Postfix instance.
final class DeployCommandTests: XCTestCase {
    /// A namespace, a running Postfix and the paths a deploy uses.
    private final class Setup {
        let namespace: LabNamespace
        let postfix: PostfixInstance
        let agent: String
        let mapPath: String
        let stateDirectory: String

        init(type: String = "hash", start: Bool = true) throws {
            if let reason = LabEnvironment.unavailableReason { throw XCTSkip("lab unavailable: \(reason)") }
            agent = try ProductBinary.named("tls-policy-agent").url.path
            namespace = try LabNamespace()
            mapPath = namespace.directory.appendingPathComponent("postfix-agent/etc/tls_policy").path
            stateDirectory = namespace.directory.appendingPathComponent("state").path
            do {
                postfix = try PostfixInstance(namespace: namespace, name: "agent", role: .sender,
                                              parameters: ["smtp_tls_policy_maps": "\(type):\(mapPath)"])
                if start { try postfix.start() }
            } catch {
                namespace.stop()
                throw error
            }
        }

        func stop() {
            try? postfix.stop()
            namespace.stop()
        }

        func deployArguments(table: String, type: String = "hash", lockTimeout: Double = 10) -> [String] {
            [agent, "deploy", table, "--map", "\(type):\(mapPath)", "--config-dir", postfix.configDirectory.path,
             "--state-dir", stateDirectory, "--lock-timeout", "\(lockTimeout)"]
        }

        func writeTable(_ name: String, _ entries: [(String, String)]) throws -> String {
            let url = namespace.directory.appendingPathComponent(name)
            try LabFileSystem.write(entries.map { "\($0.0) \($0.1)\n" }.joined(), to: url, backdated: true)
            return url.path
        }

        func deploy(table: String, lockTimeout: Double = 10) throws -> CommandResult {
            try namespace.run(deployArguments(table: table, lockTimeout: lockTimeout), timeout: 120)
        }

        var state: AgentState {
            (try? AgentStateStore(directory: stateDirectory).load()) ?? AgentState()
        }
    }

    private let tableA: [(String, String)] = [("gmail.com", "secure match=.google.com"), ("web.de", "encrypt")]
    private let tableB: [(String, String)] = [("gmail.com", "verify match=.google.com"), ("posteo.de", "encrypt")]

    func testDeployInstallsThenReportsUnchangedAndRecordsState() throws {
        let setup = try Setup()
        defer { setup.stop() }
        let table = try setup.writeTable("a", tableA)
        let first = try setup.deploy(table: table)
        XCTAssertEqual(first.exitStatus, 0, first.stderrText)
        XCTAssertTrue(first.stdoutText.hasPrefix("deployed hash:\(setup.mapPath) (2 entries, postfix reloaded)"), first.stdoutText)
        XCTAssertEqual(try setup.postfix.postmapDump(file: URL(fileURLWithPath: setup.mapPath)).stdoutText,
                       "gmail.com\tsecure match=.google.com\nweb.de\tencrypt\n")
        let second = try setup.deploy(table: table)
        XCTAssertEqual(second.exitStatus, 0, second.stderrText)
        XCTAssertTrue(second.stdoutText.hasPrefix("unchanged"), second.stdoutText)
        XCTAssertEqual(setup.state.lastRun?.outcome, .unchanged)
        XCTAssertEqual(setup.state.deployedMap?.contentHash.count, 64)
        XCTAssertNil(setup.state.deployedRelease, "no release vouches for a table deployed by hand")
    }

    func testFailedDeployExitsNonZeroKeepsMapAndRecordsError() throws {
        let setup = try Setup(start: false)
        defer { setup.stop() }
        XCTAssertEqual(try setup.deploy(table: try setup.writeTable("a", tableA)).exitStatus, 0)
        let live = FileManager.default.contents(atPath: setup.mapPath + ".db")
        // postmap runs as the source's owner; nobody cannot write the root-owned directory.
        XCTAssertEqual(chown(setup.mapPath, 65_534, 65_534), 0)
        let failed = try setup.deploy(table: try setup.writeTable("b", tableB))
        XCTAssertEqual(failed.exitStatus, 1)
        XCTAssertTrue(failed.stderrText.contains("Error: ") && failed.stderrText.contains("Permission denied"), failed.stderrText)
        XCTAssertEqual(FileManager.default.contents(atPath: setup.mapPath + ".db"), live)
        XCTAssertEqual(setup.state.lastRun?.outcome, .failed)
        XCTAssertTrue(setup.state.lastRun?.error?.contains("postmap") ?? false, "\(setup.state)")
    }

    func testOverlappingRunWaitsBoundedForTheLockThenFails() throws {
        let setup = try Setup(start: false)
        defer { setup.stop() }
        try FileManager.default.createDirectory(atPath: setup.stateDirectory, withIntermediateDirectories: true)
        let fd = open(setup.stateDirectory + "/lock", O_RDWR | O_CREAT, 0o600)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        XCTAssertEqual(flock(fd, LOCK_EX), 0, "the test holds the run lock")
        let started = Date()
        let blocked = try setup.deploy(table: try setup.writeTable("a", tableA), lockTimeout: 1)
        XCTAssertEqual(blocked.exitStatus, 1)
        XCTAssertTrue(blocked.stderrText.contains("another run holds"), blocked.stderrText)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: setup.mapPath), "nothing deployed while locked")
        XCTAssertEqual(flock(fd, LOCK_UN), 0)
        XCTAssertEqual(try setup.deploy(table: try setup.writeTable("a", tableA)).exitStatus, 0)
    }

    func testBadMapArgumentIsAClearError() throws {
        let agent = try ProductBinary.named("tls-policy-agent")
        let result = try agent.run(["deploy", "/nonexistent", "--map", "regexp:/etc/x", "--state-dir",
                                    FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path])
        XCTAssertEqual(result.exitStatus, 1)
        XCTAssertTrue(result.stderrText.contains("unsupported map type \"regexp\""), result.stderrText)
    }
}
