/// Why a ``GitCache`` could not be opened or fetched into.
public enum GitCacheError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The cache directory exists but is not a sound repository (unreadable
    /// HEAD or config, objects missing or damaged): remove it and clone again.
    case corrupt(directory: String, reason: String)
    /// The remote could not be reached, refused us, or sent something unusable.
    /// The cache is untouched.
    case fetchFailed(url: String, GitError)
    /// The fetch took longer than its deadline and was stopped.
    case timedOut(url: String, seconds: Double)
    /// The remote advertises a tag name git does not allow.
    case invalidTagName(url: String, name: String)
    /// Any other libgit2 failure on the local repository.
    case git(GitError)

    public var description: String {
        switch self {
        case .corrupt(let directory, let reason):
            return "the Git cache at \(directory) is corrupt (\(reason)); remove it to clone again"
        case .fetchFailed(let url, let error):
            return "fetching tags from \(url) failed: \(error)"
        case .timedOut(let url, let seconds):
            return "fetching tags from \(url) did not finish within \(seconds) s"
        case .invalidTagName(let url, let name):
            return "\(url) advertises an invalid tag name '\(name)'"
        case .git(let error):
            return error.description
        }
    }
}
