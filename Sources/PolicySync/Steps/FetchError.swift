import PolicyGit
import ReleaseTrust

/// Why the fetch step failed.
enum FetchError: SyncStepFailure {
    /// The remote could not be reached or refused us (the cache is untouched).
    case remote(GitCacheError)
    /// The cache stayed unusable even after it was removed and cloned again.
    case cache(GitCacheError)
    /// A release tag the pin allows now names another object than the one this host verified.
    case tagMoved([GitTagMove])

    var reason: String {
        switch self {
        case .remote(.timedOut): "fetch-timeout"
        case .remote(.certificateRejected): "certificate-rejected"
        case .remote(.hostKeyRejected): "host-key-rejected"
        case .remote(.authenticationFailed): "authentication-failed"
        case .remote(.refusedURL), .remote(.invalidSetting): "transport-setting"
        case .remote: "remote-unreachable"
        case .cache: "cache-unusable"
        case .tagMoved: "tag-moved"
        }
    }

    var isRefusal: Bool {
        if case .tagMoved = self { return true }
        return false
    }

    var description: String {
        switch self {
        case .remote(let error), .cache(let error): error.description
        case .tagMoved(let moves):
            "refusing to sync: " + moves.map { "release tag \($0.name) moved from \($0.cachedID) (verified here) to \($0.remoteID)" }
                .joined(separator: "; ") + "; a published release must never change"
                + " (if the maintainers re-published it on purpose: tls-policy-agent forget TAG)"
        }
    }
}
