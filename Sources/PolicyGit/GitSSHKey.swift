/// An SSH key pair on disk, used to authenticate to an `ssh://` remote.
public struct GitSSHKey: Sendable, Hashable {
    /// The user to log in as when the URL names none (usually `git`).
    public var user: String
    /// The private key file.
    public var privateKeyPath: String
    /// The public key file; libgit2 derives it from the private key when nil.
    public var publicKeyPath: String?

    /// A key pair for `user`.
    public init(user: String = "git", privateKeyPath: String, publicKeyPath: String? = nil) {
        self.user = user
        self.privateKeyPath = privateKeyPath
        self.publicKeyPath = publicKeyPath
    }
}
