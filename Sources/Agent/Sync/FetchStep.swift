import DurableFiles
import Foundation
import Logging
import PolicyDeploy
import PolicyGit
import ReleaseTrust

/// Step 1: bring the bare Git cache up to date with the remote's tags.
///
/// The first run clones; later runs download only new tags. A cache found corrupt is
/// removed and cloned again. Every tag name seen is kept in a ledger in the state
/// directory with its first object, so a tag that moves is refused even after a re-clone
/// (libgit2 would follow a moved tag, and a re-cloned cache cannot remember it).
struct FetchStep {
    /// The cache, and the tags it holds after the fetch.
    struct Fetched {
        var cache: GitCache
        var tags: [GitTagReference]
    }

    var context: SyncContext
    /// Tags whose move stops the run; by default those the pin allows. Moves of other tags
    /// are logged as warnings: a host is not stopped by a tag it would never deploy.
    var guards: (@Sendable (String) -> Bool)? = nil

    func run() throws(FetchError) -> Fetched {
        let url = context.configuration.repository.text
        let options = GitFetchOptions(timeout: context.fetchTimeout)
        var cache = try openCache(recloneOnCorruption: true)
        let report: GitFetchReport
        do {
            report = try cache.fetchTags(from: url, options: options)
        } catch {
            guard case .corrupt = error else { throw .remote(error) }
            context.logger.warning("the Git cache is corrupt; cloning again", metadata: ["error": "\(error)"])
            try removeCache()
            cache = try openCache(recloneOnCorruption: false)
            do {
                report = try cache.fetchTags(from: url, options: options)
            } catch {
                if case .corrupt = error { throw .cache(error) }
                throw .remote(error)
            }
        }
        context.logger.info("fetched", metadata: [
            "url": "\(url)", "clone": "\(report.wasInitialClone)", "remote_tags": "\(report.remoteTags.count)",
            "new_tags": "\(report.fetchedTags.count)",
        ])

        let held: [GitTagReference]
        do {
            held = try cache.tags()
        } catch {
            throw .cache(error)
        }
        var ledger = try loadLedger()
        let pin = context.configuration.pin
        let guarded = guards ?? { pin.matches($0) }
        var moves = report.movedTags + ledger.moves(in: report.remoteTags) + ledger.moves(in: held)
        moves = Dictionary(moves.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }).values
            .sorted { $0.name < $1.name }
        for move in moves where !guarded(move.name) {
            // Not a release this host may deploy: worth a warning, not a stopped fleet.
            context.logger.warning("a tag outside the pin moved", metadata: ["tag": "\(move.name)"])
        }
        ledger.record(held)
        try saveLedger(ledger)
        let refused = moves.filter { guarded($0.name) }
        guard refused.isEmpty else { throw .tagMoved(refused) }
        return Fetched(cache: cache, tags: held)
    }

    private func openCache(recloneOnCorruption: Bool) throws(FetchError) -> GitCache {
        do {
            try FileManager.default.createDirectory(atPath: context.cacheDirectory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cache(.git(GitError(operation: "mkdir", code: .generic, errorClass: .os,
                                       message: "\(context.cacheDirectory): \(error.localizedDescription)")))
        }
        do {
            return try GitCache(directory: context.cacheDirectory)
        } catch {
            guard case .corrupt = error, recloneOnCorruption else { throw .cache(error) }
            context.logger.warning("the Git cache is corrupt; cloning again", metadata: ["error": "\(error)"])
            try removeCache()
            return try openCache(recloneOnCorruption: false)
        }
    }

    private func removeCache() throws(FetchError) {
        do {
            try FileManager.default.removeItem(atPath: context.cacheDirectory)
        } catch {
            throw .cache(.git(GitError(operation: "remove", code: .generic, errorClass: .os,
                                       message: "\(context.cacheDirectory): \(error.localizedDescription)")))
        }
    }

    private func loadLedger() throws(FetchError) -> TagLedger {
        let path = context.ledgerPath
        guard FileManager.default.fileExists(atPath: path) else { return TagLedger() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .ledger("\(path): cannot read the tag ledger")
        }
        do {
            return try TagLedger(parsing: String(decoding: data, as: UTF8.self), path: path)
        } catch {
            throw .ledger(error.description)
        }
    }

    private func saveLedger(_ ledger: TagLedger) throws(FetchError) {
        do {
            try DurableFileSystem.replaceAtomically(context.ledgerPath, bytes: Array(ledger.serialized().utf8), mode: 0o600)
        } catch {
            throw .ledger(error.description)
        }
    }
}
