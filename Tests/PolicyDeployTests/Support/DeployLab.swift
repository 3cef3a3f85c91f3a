import ExternalCommand
import Foundation
import PolicyDeploy
import TLSPolicyLab
import XCTest

/// A real Postfix instance in a lab namespace, with a map directory beside its config,
/// and the deploy tools pointed at it (Postfix's commands run inside the namespace, where
/// its queue and master live).
final class DeployLab {
    let namespace: LabNamespace
    let postfix: PostfixInstance
    let map: MapLocation

    init(type: MapType, name: String = "deploy") throws {
        if let reason = LabEnvironment.unavailableReason { throw XCTSkip("lab unavailable: \(reason)") }
        namespace = try LabNamespace()
        let mapPath = namespace.directory.appendingPathComponent("postfix-\(name)/etc/tls_policy").path
        map = MapLocation(type: type, path: mapPath)
        do {
            postfix = try PostfixInstance(namespace: namespace, name: name, role: .sender,
                                          parameters: ["smtp_tls_policy_maps": map.description])
        } catch {
            namespace.stop()
            throw error
        }
    }

    /// Stops Postfix (by its master's PID) and the namespace.
    func stop() {
        try? postfix.stop()
        namespace.stop()
    }

    var tools: PostfixTools {
        PostfixTools(configDirectory: postfix.configDirectory.path,
                     runner: CommandRunner(wrapper: ["nsenter", "--target", "\(namespace.holderPID)", "--net", "--mount", "--pid", "--"],
                                           timeout: .seconds(60)))
    }

    func deployer() -> MapDeployer { MapDeployer(map: map, tools: tools) }

    /// `postmap -q KEY TYPE:MAP` as Postfix would look it up; nil when not found.
    func query(_ key: String) throws -> String? {
        let result = try namespace.run(["postmap", "-c", postfix.configDirectory.path, "-q", key, map.description], timeout: 30)
        if result.exitStatus == 1 && result.stderrText.isEmpty { return nil }
        return try result.checked().stdoutText.trimmingCharacters(in: .newlines)
    }

    /// How many times the master logged a reload so far.
    var reloadCount: Int { postfix.reloadCount }

    /// Waits (bounded) until the maillog shows `count` reloads; returns the count seen.
    @discardableResult
    func waitForReloads(_ count: Int, timeout: TimeInterval = 15) -> Int {
        postfix.waitForReloads(count, timeout: timeout)
    }

    /// Temporaries left in the map directory.
    var leftovers: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: map.directory)) ?? []).filter { $0.contains("tls-policy-agent-tmp") }
    }

    /// The bytes of the live source and indexed files.
    func liveBytes() -> [String: Data] {
        var files: [String: Data] = [:]
        for path in Set([map.path, map.indexedPath]) { files[path] = FileManager.default.contents(atPath: path) }
        return files
    }
}

/// Tables used across the deploy tests.
enum DeployFixtures {
    static func table(_ entries: [(String, String)]) -> [UInt8] {
        Array(("# test table\n" + entries.map { "\($0.0) \($0.1)\n" }.joined()).utf8)
    }

    static let first: [(String, String)] = [
        ("gmail.com", "secure match=.google.com:.googlemail.com"),
        ("posteo.de", "secure match=.posteo.de"),
        ("web.de", "encrypt"),
    ]

    static let second: [(String, String)] = [
        ("gmail.com", "secure match=.google.com"),
        ("mailbox.org", "dane-only"),
        ("web.de", "verify match=.web.de"),
    ]
}
