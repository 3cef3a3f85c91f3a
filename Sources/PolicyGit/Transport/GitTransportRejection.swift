/// Why a certificate, host-key or credential callback refused a connection,
/// kept by the fetch so its error says so rather than libgit2's generic text.
enum GitTransportRejection: Sendable, Hashable {
    /// The HTTPS server's certificate is not trusted for the host.
    case certificate(host: String, reason: String)
    /// The SSH server's host key is not the one known_hosts lists.
    case hostKey(host: String, fingerprint: String, reason: String)
    /// The server refused our credentials, or wants ones we do not have.
    case authentication(reason: String)
}
