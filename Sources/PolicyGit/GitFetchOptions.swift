/// How ``GitCache/fetchTags(from:options:)`` talks to the remote.
public struct GitFetchOptions: Sendable, Hashable {
    /// The whole fetch (connect, list, download) must finish within this many
    /// seconds; libgit2 is stopped at its next progress callback after that.
    public var timeout: Double
    /// The key for `ssh://` remotes; without it SSH authentication fails.
    public var sshKey: GitSSHKey?

    /// Options with a deadline and, for SSH remotes, a key.
    public init(timeout: Double = 120, sshKey: GitSSHKey? = nil) {
        self.timeout = timeout
        self.sshKey = sshKey
    }
}
