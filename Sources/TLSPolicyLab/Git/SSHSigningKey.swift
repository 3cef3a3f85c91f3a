import Foundation

/// An Ed25519 key pair made with `ssh-keygen` for signing tags.
public struct SSHSigningKey: Sendable {
    /// The private key file (mode 0600, no passphrase).
    public let privateKey: URL
    /// The public key file (`PRIVATE.pub`).
    public let publicKey: URL
    /// The public key line (`ssh-ed25519 AAAA... comment`).
    public let publicKeyLine: String

    /// Generates a key pair at `path` (and `path.pub`) with `ssh-keygen -t ed25519`.
    public static func generate(at path: URL, comment: String = "release signing key") throws -> SSHSigningKey {
        try LabCommandRunner.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path.path],
                              timeout: 30).checked()
        let publicKey = URL(fileURLWithPath: path.path + ".pub")
        let line = String(decoding: try LabFileSystem.read(publicKey), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return SSHSigningKey(privateKey: path, publicKey: publicKey, publicKeyLine: line)
    }

    /// This key's line for an allowed-signers file (`ssh-keygen(1)`, ALLOWED SIGNERS),
    /// restricted to the `git` namespace, with an optional validity window
    /// (`valid-after`/`valid-before`, as `YYYYMMDDHHMMSSZ`, UTC: the form `openssl ca` takes too).
    public func allowedSignersLine(principal: String, validAfter: Date? = nil, validBefore: Date? = nil) -> String {
        var options = ["namespaces=\"git\""]
        if let validAfter { options.append("valid-after=\"\(TestCertificateAuthority.asn1Time(validAfter))\"") }
        if let validBefore { options.append("valid-before=\"\(TestCertificateAuthority.asn1Time(validBefore))\"") }
        return "\(principal) \(options.joined(separator: ",")) \(publicKeyLine)"
    }
}
