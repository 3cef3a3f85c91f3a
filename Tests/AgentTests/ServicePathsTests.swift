import Foundation
import PolicySync
import TLSPolicyLab
import XCTest

/// One set of paths: with the shipped example configuration, completed as the README says,
/// every path the agent writes lies where the shipped unit lets it write, and the README,
/// the unit's own comment and the example name the same map. The paths come from the
/// configuration as the agent parses it (map, its directory, state, metrics), and the
/// unit is judged by the lab's own reading of it (TLSPolicyLab's UnitSandbox), not the
/// agent's.
final class ServicePathsTests: XCTestCase {
    private var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The example with the three settings an operator must set.
    private func completedExample() throws -> String {
        try AgentConfigurationText.setting([
            "repository_url": "https://git.example/postfix-tls-policy.git",
            "release_tag": "v*",
            "ssh_allowed_signers": "/etc/tls-policy-agent/allowed_signers",
        ], in: AgentConfigurationText.shippedExample(repositoryRoot: root))
    }

    private func sandbox() throws -> UnitSandbox {
        try UnitSandbox(unit: SystemdUnitFile.read(root.appendingPathComponent("contrib/systemd/tls-policy-agent.service")))
    }

    /// Every file and directory the agent creates or replaces with `configuration`:
    /// the map's source and indexed file and the temporaries beside them (so the
    /// directory), the state directory, and the metrics file with its temporary.
    private func writtenPaths(_ configuration: AgentConfiguration) -> [String] {
        var paths = [configuration.map.path, configuration.map.indexedPath, configuration.map.directory,
                     configuration.stateDirectory]
        if let metrics = configuration.metricsFile {
            paths += [metrics, URL(fileURLWithPath: metrics).deletingLastPathComponent().path]
        }
        return paths
    }

    func testEveryPathTheAgentWritesWithTheExampleIsWritableUnderTheUnit() throws {
        let configuration = try AgentConfiguration.parse(try completedExample(), file: "agent.cf.example")
        let sandbox = try sandbox()
        XCTAssertEqual(sandbox.protectSystem, "strict", "the test means something only under ProtectSystem=strict")
        for path in writtenPaths(configuration) {
            XCTAssertTrue(sandbox.allowsWriting(path), "\(path) is read-only under the unit (writable: \(sandbox.writableDirectories))")
        }
        // A directory of its own: never /etc/postfix itself, which holds main.cf.
        XCTAssertNotEqual(configuration.map.directory, "/etc/postfix")
        XCTAssertTrue(sandbox.writablePaths.contains(.init(path: configuration.map.directory, ignoredIfMissing: true)),
                      "the map's directory is a ReadWritePaths= entry with '-': \(sandbox.writablePaths)")
        XCTAssertEqual(sandbox.stateDirectories, [configuration.stateDirectory])
    }

    func testEveryPathStaysWritableWithEverySuggestedSettingUncommented() throws {
        // The ssh settings go with an ssh:// repository, not the https:// one set here;
        // the agent only reads them anyway.
        let text = AgentConfigurationText.uncommentingEverySetting(in: try completedExample(),
                                                                   except: ["ssh_private_key", "ssh_known_hosts"])
        let configuration = try AgentConfiguration.parse(text, file: "agent.cf.example")
        XCTAssertNotNil(configuration.metricsFile, "the example suggests a metrics file")
        let sandbox = try sandbox()
        for path in writtenPaths(configuration) {
            XCTAssertTrue(sandbox.allowsWriting(path), "\(path) is read-only under the unit (writable: \(sandbox.writableDirectories))")
        }
        // Paths that may be missing on a host (no node_exporter, Postfix not yet installed)
        // carry '-', so that the unit still starts.
        for writable in sandbox.writablePaths {
            XCTAssertTrue(writable.ignoredIfMissing, "ReadWritePaths=\(writable.path) without '-' keeps the unit from starting when missing")
        }
    }

    func testTheSandboxCheckItselfRefusesAMapOutsideTheWritablePaths() throws {
        let sandbox = try sandbox()
        XCTAssertFalse(sandbox.allowsWriting("/etc/postfix/tls_policy"), "the old example's map, beside main.cf")
        XCTAssertFalse(sandbox.allowsWriting("/etc/postfix/tls_policy.db"))
        XCTAssertFalse(sandbox.allowsWriting("/var/lib/other/state.json"))
    }

    func testReadmeUnitAndExampleNameTheSameMap() throws {
        let configuration = try AgentConfiguration.parse(try completedExample(), file: "agent.cf.example")
        let line = "smtp_tls_policy_maps = \(configuration.map)"
        for file in ["README.md", "contrib/systemd/tls-policy-agent.service", "contrib/debian/README.Debian", "docs/agent.cf.example"] {
            let text = String(decoding: try LabFileSystem.read(root.appendingPathComponent(file)), as: UTF8.self)
            XCTAssertTrue(text.contains(line), "\(file) does not say \(line)")
        }
    }
}

extension ServicePathsTests {
    /// The delivery watch reads `/var/log/mail.log` or runs journalctl (the journal in
    /// /var/log/journal and /run/log/journal): the unit runs it as root, able to read files
    /// other users own, and hides none of those paths.
    func testTheDeliveryWatchMayReadTheMailLogAndTheJournalUnderTheUnit() throws {
        let unitURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("contrib/systemd/tls-policy-agent.service")
        let unit = try SystemdUnitFile.read(unitURL)
        XCTAssertEqual(unit.value("User", in: "Service"), "root", "root reads the journal and mail.log without adm or systemd-journal")
        let hidden = unit.words("InaccessiblePaths", in: "Service") + unit.words("TemporaryFileSystem", in: "Service")
        for path in ["/var/log/mail.log", "/var/log/journal", "/run/log/journal", "/usr/bin/journalctl"] {
            XCTAssertFalse(hidden.contains { path.hasPrefix($0.trimmingCharacters(in: CharacterSet(charactersIn: "-+"))) },
                           "\(path) is hidden by the unit: \(hidden)")
        }
        let capabilities = unit.words("CapabilityBoundingSet", in: "Service")
        XCTAssertTrue(capabilities.contains("CAP_DAC_READ_SEARCH"), "reading files another user owns: \(capabilities)")
    }
}
