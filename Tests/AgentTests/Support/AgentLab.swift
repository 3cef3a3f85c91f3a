import Foundation
import TLSPolicyLab
import XCTest

/// What every sync test shares, made once per test class: a lab namespace with a running
/// Postfix instance, a trusted and an untrusted SSH signing key, an OpenPGP key exported
/// to a keyring, and the built agent. ``shutDown()`` stops Postfix, gpg-agent and the
/// namespace by PID.
final class AgentLab {
    let namespace: LabNamespace
    let postfix: PostfixInstance
    let agent: String
    let directory: URL
    let sshKey: SSHSigningKey
    let strangerKey: SSHSigningKey
    let allowedSigners: URL
    let gnupg: OpenPGPHome
    let pgpFingerprint: String
    let keyring: URL

    static let farFuture = "2099-01-01T00:00:00Z"

    init() throws {
        if let reason = LabEnvironment.unavailableReason { throw XCTSkip("lab unavailable: \(reason)") }
        agent = try ProductBinary.named("tls-policy-agent").url.path
        namespace = try LabNamespace()
        directory = namespace.directory
        do {
            postfix = try PostfixInstance(namespace: namespace, name: "agent", role: .sender)
            try postfix.start()
            sshKey = try SSHSigningKey.generate(at: directory.appendingPathComponent("maintainer"))
            strangerKey = try SSHSigningKey.generate(at: directory.appendingPathComponent("stranger"))
            allowedSigners = try AllowedSignersFile.write([sshKey.allowedSignersLine(principal: "maintainer@example.test")],
                                                          to: directory.appendingPathComponent("allowed_signers"))
            gnupg = try OpenPGPHome(directory: directory.appendingPathComponent("gnupg"))
            pgpFingerprint = try gnupg.generateKey(userID: "Maintainer <maintainer@example.test>")
            keyring = try gnupg.exportKeyring(fingerprints: [pgpFingerprint], to: directory.appendingPathComponent("trusted.gpg"))
        } catch {
            namespace.stop()
            throw error
        }
    }

    func shutDown() {
        try? gnupg.stopAgent()
        try? postfix.stop()
        namespace.stop()
    }

    /// A release tag message with the required expiry.
    static func message(_ title: String, expires: String = farFuture) -> String {
        "\(title)\n\nExpires: \(expires)\n"
    }

    /// How many times the Postfix master has reloaded, from its log.
    var reloadCount: Int { postfix.reloadCount }

    /// Waits (bounded) until the reload count reaches `count`; returns the count seen.
    func waitForReloads(_ count: Int, timeout: TimeInterval = 5) -> Int {
        postfix.waitForReloads(count, timeout: timeout)
    }
}
