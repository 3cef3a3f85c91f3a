import Foundation

/// An SSH key pair on disk, used to authenticate to an `ssh://` remote.
public struct GitSSHKey: Sendable, Hashable {
    /// The user to log in as when the URL names none (usually `git`).
    public var user: String
    /// The private key file, without a passphrase (OpenSSH or PEM format;
    /// Ed25519, ECDSA or RSA, as libssh2 reads them).
    public var privateKeyPath: String
    /// The public key file; libssh2 derives it from the private key when nil.
    public var publicKeyPath: String?

    /// A key pair for `user`.
    public init(user: String = "git", privateKeyPath: String, publicKeyPath: String? = nil) {
        self.user = user
        self.privateKeyPath = privateKeyPath
        self.publicKeyPath = publicKeyPath
    }

    /// Checks that the key files can be read.
    ///
    /// - Throws: ``GitCacheError/invalidSetting(path:line:reason:)``.
    func validate() throws(GitCacheError) {
        for path in [privateKeyPath] + (publicKeyPath.map { [$0] } ?? []) {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw .invalidSetting(path: path, line: nil, reason: "cannot read the SSH key file")
            }
        }
    }
}
