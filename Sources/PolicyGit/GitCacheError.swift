/// Why a ``GitCache`` could not be opened, fetched into or read.
public enum GitCacheError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The cache directory exists but is not a sound repository (unreadable
    /// HEAD or config, objects missing or damaged): remove it and clone again.
    case corrupt(directory: String, reason: String)
    /// The remote could not be reached, refused us, or sent something unusable.
    /// The cache is untouched.
    case fetchFailed(url: String, GitError)
    /// The fetch took longer than its deadline and was stopped. The cache is
    /// as before the fetch, or holds some of the new objects unreferenced.
    case timedOut(url: String, seconds: Double)
    /// The remote advertises a tag name git does not allow.
    case invalidTagName(url: String, name: String)
    /// The URL's scheme is not one the cache fetches from (plain `http://`
    /// and `git://` are refused), or the URL cannot be read.
    case refusedURL(url: String, reason: String)
    /// A file named in ``GitFetchOptions`` (SSH key, known-hosts file, CA file)
    /// cannot be used; `line` is set when one of its lines is at fault.
    case invalidSetting(path: String, line: Int?, reason: String)
    /// The HTTPS server's certificate is not trusted for `host`.
    case certificateRejected(url: String, host: String, reason: String)
    /// The SSH server's host key is not the one the known-hosts file lists for
    /// `host` (`[host]:port` for ports other than 22); `fingerprint` is the
    /// presented key's, `SHA256:...` as OpenSSH prints it.
    case hostKeyRejected(url: String, host: String, fingerprint: String, reason: String)
    /// The server refused the configured SSH key, or asked for credentials the
    /// cache does not have.
    case authenticationFailed(url: String, reason: String)
    /// A tag object is larger than the cache's limit; it was not read.
    case tagObjectTooLarge(id: GitObjectID, size: Int, limit: Int)
    /// Any other libgit2 failure on the local repository.
    case git(GitError)

    public var description: String {
        switch self {
        case .corrupt(let directory, let reason):
            return "the Git cache at \(directory) is corrupt (\(reason)); remove it to clone again"
        case .fetchFailed(let url, let error):
            return "fetching tags from \(url) failed: \(error)"
        case .timedOut(let url, let seconds):
            return "fetching tags from \(url) timed out: not finished within the \(seconds) s deadline"
        case .invalidTagName(let url, let name):
            return "\(url) advertises an invalid tag name '\(name)'"
        case .refusedURL(let url, let reason):
            return "refusing to fetch from \(url): \(reason)"
        case .invalidSetting(let path, let line, let reason):
            return line.map { "\(path):\($0): \(reason)" } ?? "\(path): \(reason)"
        case .certificateRejected(let url, let host, let reason):
            return "fetching tags from \(url) refused: the certificate of \(host) is not trusted: \(reason)"
        case .hostKeyRejected(let url, _, _, let reason):
            return "fetching tags from \(url) refused: \(reason)"
        case .authenticationFailed(let url, let reason):
            return "fetching tags from \(url) failed to authenticate: \(reason)"
        case .tagObjectTooLarge(let id, let size, let limit):
            return "tag object \(id) is \(size) bytes, more than the limit of \(limit); not read"
        case .git(let error):
            return error.description
        }
    }
}
