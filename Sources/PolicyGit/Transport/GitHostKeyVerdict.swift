/// What a known_hosts file says about the key an SSH server presented.
enum GitHostKeyVerdict: Sendable, Hashable {
    /// A line for the host lists exactly this key.
    case trusted(line: Int)
    /// No line is for the host.
    case unknown
    /// Lines are for the host, none with this key: the key changed (or the
    /// server negotiated a key type the file does not list).
    case changed(listed: [GitKnownHostsEntry])
    /// An `@revoked` line for the host lists this key.
    case revoked(line: Int)
}
