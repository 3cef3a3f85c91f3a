import Foundation
import Logging
import PolicyGit
import ReleaseTrust

/// Step 1: bring the bare Git cache up to date with the remote's tags, and say which tags
/// the remote advertises *now*: the release is selected from those, never from whatever
/// the cache once held.
///
/// The first run clones; later runs download only new or replaced tags. A cache found
/// corrupt is removed and cloned again. A tag that moves away from the object this host
/// *verified* under that name is refused (a verified release never changes); a tag whose
/// cached object never passed verification simply takes the remote's new object, so a
/// bad tag that maintainers replaced leaves no trace.
struct FetchStep {
    /// The cache, the tags the remote advertised in this fetch, and those of them that
    /// cannot be releases (on a blob or tree, oversized, malformed).
    struct Fetched {
        var cache: GitCache
        var advertised: [GitTagReference]
        var unusable: [String: GitUnusableTag]
    }

    var context: SyncContext
    /// Tags whose move stops the run; by default those the pin allows. Moves of other tags
    /// are logged as warnings: a host is not stopped by a tag it would never deploy.
    var guards: (@Sendable (String) -> Bool)? = nil

    func run(verified ledger: TagLedger) throws(FetchError) -> Fetched {
        let url = context.configuration.repository.text
        var cache = try openCache(recloneOnCorruption: true)
        let report: GitFetchReport
        let options = try options(cache: cache, ledger: ledger)
        do {
            report = try cache.fetchTags(from: url, options: options)
        } catch {
            guard case .corrupt = error else { throw .remote(error) }
            context.logger.warning("the Git cache is corrupt; cloning again", metadata: ["error": "\(error)"])
            try removeCache()
            cache = try openCache(recloneOnCorruption: false)
            do {
                // A fresh clone holds no tag whose move could be followed.
                report = try cache.fetchTags(from: url, options: context.fetchOptions)
            } catch {
                if case .corrupt = error { throw .cache(error) }
                throw .remote(error)
            }
        }
        context.logger.info("fetched", metadata: [
            "url": "\(url)", "clone": "\(report.wasInitialClone)", "remote_tags": "\(report.remoteTags.count)",
            "new_tags": "\(report.fetchedTags.count)", "bytes": "\(report.receivedBytes)",
        ])

        let pin = context.configuration.pin
        let guarded = guards ?? { pin.matches($0) }
        for unusable in report.unusableTags where !guarded(unusable.tag.name) {
            // Not a release this host may deploy: ignored, never a reason to re-clone.
            context.logger.notice("ignoring a tag outside the pin", metadata: ["tag": "\(unusable.tag.name)",
                                                                            "reason": "\(unusable.reason)"])
        }
        // What matters is the remote against what was verified, whatever the cache held: a
        // move the cache followed replaced an object that never passed verification.
        let moves = ledger.moves(in: report.remoteTags)
        for move in moves where !guarded(move.name) {
            // Not a release this host may deploy: worth a warning, not a stopped fleet.
            context.logger.warning("a tag outside the pin moved", metadata: ["tag": "\(move.name)"])
        }
        let refused = moves.filter { guarded($0.name) }
        guard refused.isEmpty else { throw .tagMoved(refused) }
        let unusable = Dictionary(report.unusableTags.map { ($0.tag.name, $0) }, uniquingKeysWith: { first, _ in first })
        return Fetched(cache: cache, advertised: report.remoteTags, unusable: unusable)
    }

    /// The fetch options for this cache: a cached tag whose object this host never
    /// verified may take the remote's new object (a bad tag replaced upstream by the
    /// genuine release of that name); a verified one never does.
    private func options(cache: GitCache, ledger: TagLedger) throws(FetchError) -> GitFetchOptions {
        var options = context.fetchOptions
        let cached: [GitTagReference]
        do {
            cached = try cache.tags()
        } catch {
            throw .cache(error)
        }
        options.followMovedTags = Set(cached.map(\.name).filter { !ledger.contains($0) })
        return options
    }

    private func openCache(recloneOnCorruption: Bool) throws(FetchError) -> GitCache {
        let directory = context.stateStore.cacheDirectory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cache(.git(GitError(operation: "mkdir", code: .generic, errorClass: .os,
                                       message: "\(directory): \(error.localizedDescription)")))
        }
        do {
            return try GitCache(directory: directory)
        } catch {
            guard case .corrupt = error, recloneOnCorruption else { throw .cache(error) }
            context.logger.warning("the Git cache is corrupt; cloning again", metadata: ["error": "\(error)"])
            try removeCache()
            return try openCache(recloneOnCorruption: false)
        }
    }

    private func removeCache() throws(FetchError) {
        let directory = context.stateStore.cacheDirectory
        do {
            try FileManager.default.removeItem(atPath: directory)
        } catch {
            throw .cache(.git(GitError(operation: "remove", code: .generic, errorClass: .os,
                                       message: "\(directory): \(error.localizedDescription)")))
        }
    }
}
