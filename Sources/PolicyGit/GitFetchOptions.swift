/// How ``GitCache/fetchTags(from:options:)`` talks to the remote.
///
/// `https://` remotes are trusted through the system CAs, or only through
/// ``caFile`` when one is set; `ssh://` remotes (and `user@host:path`) log in
/// with ``sshKey`` and must present a host key that ``knownHostsFile`` lists;
/// `file://` and local paths need neither. Plain `http://` and `git://` are
/// always refused.
public struct GitFetchOptions: Sendable, Hashable {
    /// The whole fetch (name resolution, connect, TLS or SSH handshake, listing,
    /// download) must finish within this many seconds. Past it, every socket of
    /// the fetch is shut down and the fetch fails with
    /// ``GitCacheError/timedOut(url:seconds:)`` (see `GitFetchDeadline` for how).
    public var timeout: Double
    /// The key for SSH remotes; without it SSH authentication fails. Offered
    /// once per fetch: a refused key fails at once.
    public var sshKey: GitSSHKey?
    /// An OpenSSH known_hosts file (plain or hashed names, `[host]:port` for
    /// ports other than 22) listing the SSH server's host key. An SSH server
    /// whose key it does not list, lists differently, or revokes is refused
    /// with the key's `SHA256:` fingerprint in the error; without a file every
    /// SSH server is unknown and refused. `~/.ssh/known_hosts` is never read.
    ///
    /// libssh2 picks the host-key type the server prefers among those it
    /// supports (ECDSA before Ed25519 before RSA), not one the file lists: list
    /// every key the server has, as `ssh-keyscan HOST` prints them.
    public var knownHostsFile: String?
    /// A PEM file of CA certificates that alone are trusted for HTTPS remotes
    /// (instead of the system CAs). It must hold every certificate of the
    /// server's chain up to a trusted one, intermediates included, since
    /// libgit2 passes on only the server's own certificate.
    public var caFile: String?
    /// Tags the cache may follow when the remote moves them: the names of
    /// cached tags whose object the caller never accepted (a release that
    /// failed verification). The cache then takes the remote's object; the move
    /// is still reported, with ``GitTagMove/followed`` set. Any other moved tag
    /// keeps its cached object.
    public var followMovedTags: Set<String>

    /// Options with a deadline and, for SSH and HTTPS remotes, their credentials and trust.
    public init(timeout: Double = 120, sshKey: GitSSHKey? = nil, knownHostsFile: String? = nil, caFile: String? = nil,
                followMovedTags: Set<String> = []) {
        self.timeout = timeout
        self.sshKey = sshKey
        self.knownHostsFile = knownHostsFile
        self.caFile = caFile
        self.followMovedTags = followMovedTags
    }

    /// Checks the files these options name without connecting anywhere: the
    /// SSH key files are readable, the known-hosts file parses, the CA file
    /// holds certificates. A fetch makes the same checks; call this to report a
    /// bad setting when the configuration is read.
    ///
    /// - Throws: ``GitCacheError/invalidSetting(path:line:reason:)``.
    public func validate() throws(GitCacheError) {
        try sshKey?.validate()
        if let knownHostsFile { _ = try GitKnownHosts(contentsOf: knownHostsFile) }
        if let caFile { _ = try GitTrustStore.load(caFile: caFile) }
    }
}
