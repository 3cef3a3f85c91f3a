import ExternalCommand
import Foundation
import PolicySync
import TLSPolicyLab
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// One test's dataset repository, state directory, map and agent.cf, inside the shared
/// ``AgentLab``.
final class SyncFixture {
    let lab: AgentLab
    let directory: URL
    let repository: GitFixtureRepository
    let mapPath: String
    let stateDirectory: String
    let configPath: String
    let overridesPath: String

    /// The first release's policy: `gmail.example` and `removed.example`.
    static let releaseOne = [
        "policy/gmail.policy": "# Provider: Gmail\n\ngmail.example secure match=.google.example\n",
        "policy/other.policy": "# Provider: Other\n\nremoved.example encrypt\nweb.example encrypt\n",
    ]

    init(lab: AgentLab, overrides: String? = nil, extraSettings: [String] = []) throws {
        self.lab = lab
        directory = lab.directory.appendingPathComponent("fixture-\(UUID().uuidString.prefix(8))")
        repository = try GitFixtureRepository(directory: directory.appendingPathComponent("dataset"))
        mapPath = directory.appendingPathComponent("maps/tls_policy").path
        try LabFileSystem.createDirectory(directory.appendingPathComponent("maps"))
        stateDirectory = directory.appendingPathComponent("state").path
        configPath = directory.appendingPathComponent("agent.cf").path
        overridesPath = directory.appendingPathComponent("overrides").path
        var settings = [
            "repository_url = file://\(repository.directory.path)",
            "release_tag = v*",
            "ssh_allowed_signers = \(lab.allowedSigners.path)",
            "openpgp_keyring = \(lab.keyring.path)",
            "policy_map = hash:\(mapPath)",
            "postfix_config_directory = \(lab.postfix.configDirectory.path)",
            "state_directory = \(stateDirectory)",
            "metrics_file = \(stateDirectory)/metrics.prom",
        ]
        if let overrides {
            try LabFileSystem.write(overrides, to: URL(fileURLWithPath: overridesPath), backdated: true)
            settings.append("overrides_file = \(overridesPath)")
        }
        try LabFileSystem.write((settings + extraSettings).joined(separator: "\n") + "\n",
                                to: URL(fileURLWithPath: configPath), backdated: true)
    }

    /// Commits `files` and tags the commit `name`, signed with the trusted SSH key unless told otherwise.
    func release(_ name: String, files: [String: String] = SyncFixture.releaseOne, signing: GitTagSigning? = nil,
                 expires: String = AgentLab.farFuture) throws {
        try repository.commit(files: files, message: "dataset for \(name)")
        try repository.tag(name, message: AgentLab.message("Release \(name)", expires: expires),
                           signing: signing ?? .ssh(lab.sshKey))
    }

    /// Runs the agent in the lab namespace with `arguments` after the command and `--config`.
    func agent(_ command: String, _ arguments: [String] = []) throws -> CommandResult {
        try lab.namespace.run([lab.agent, command, "--config", configPath] + arguments, timeout: 120)
    }

    /// `postmap -q KEY hash:MAP` as the lab's Postfix sees it; nil when the key is absent.
    func lookup(_ key: String) throws -> String? {
        let result = try lab.namespace.run(["postmap", "-c", lab.postfix.configDirectory.path, "-q", key, "hash:\(mapPath)"],
                                           timeout: 30)
        return result.exitStatus == 0 ? result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    /// The live source and indexed file, byte for byte.
    var liveFiles: [Data?] {
        [FileManager.default.contents(atPath: mapPath), FileManager.default.contents(atPath: mapPath + ".db")]
    }

    /// The agent's state, read through the library the agent writes it with.
    var state: AgentState {
        get throws { try AgentStateStore(directory: stateDirectory).load() }
    }

    /// The state file's bytes (nil when none was written): to prove a command wrote nothing.
    var stateBytes: Data? { FileManager.default.contents(atPath: stateDirectory + "/state.json") }
}
