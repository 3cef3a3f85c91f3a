import PolicyGit
import ReleaseTrust

/// Why the fetch step failed.
enum FetchError: SyncStepFailure {
    /// The remote could not be reached or refused us (the cache is untouched).
    case remote(GitCacheError)
    /// The cache stayed unusable even after it was removed and cloned again.
    case cache(GitCacheError)
    /// The tag ledger could not be read or written.
    case ledger(String)
    /// A release tag the pin allows now names another object than when first seen.
    case tagMoved([GitTagMove])

    var reason: String {
        switch self {
        case .remote: "remote-unreachable"
        case .cache: "cache-unusable"
        case .ledger: "ledger"
        case .tagMoved: "tag-moved"
        }
    }

    var description: String {
        switch self {
        case .remote(let error), .cache(let error): error.description
        case .ledger(let text): text
        case .tagMoved(let moves):
            "refusing to sync: " + moves.map { "release tag \($0.name) moved from \($0.cachedID) to \($0.remoteID)" }
                .joined(separator: "; ") + "; a published release must never change"
        }
    }
}
