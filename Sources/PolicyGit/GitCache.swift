internal import CGit2
import Foundation

/// The agent's bare cache of a remote's release tags, kept in one directory.
///
/// The first ``fetchTags(from:options:)`` into an empty cache is the clone;
/// later ones download only tags the cache does not hold yet. A tag the cache
/// already holds is never updated, even when the remote now advertises it with
/// another object: libgit2, given a forced refspec, would overwrite it
/// silently, so the cache fetches each new tag by its own non-forced refspec
/// and reports every moved tag in ``GitFetchReport/movedTags`` instead.
///
/// Not `Sendable`, like ``GitRepository``: one cache per task.
public final class GitCache {
    /// The cache's directory (a bare repository).
    public let directory: String
    /// The repository, for reading objects and trees.
    public let repository: GitRepository

    /// Opens the cache in `directory`, creating an empty bare repository when
    /// the directory is missing or empty, and checks that every tag it holds
    /// can be read down to its commit's tree.
    ///
    /// - Throws: ``GitCacheError/corrupt(directory:reason:)`` when the
    ///   directory holds something that is not a sound bare repository: the
    ///   caller removes it and opens again, which clones afresh.
    public init(directory: String) throws(GitCacheError) {
        self.directory = directory
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        do {
            if entries.isEmpty {
                repository = try GitRepository.createBare(at: directory)
            } else {
                repository = try GitRepository.openBare(at: directory)
            }
        } catch {
            throw Self.classify(error, directory: directory)
        }
        guard repository.isBare else {
            throw .corrupt(directory: directory, reason: "it is a repository with a work tree, not a bare cache")
        }
        try checkIntegrity()
    }

    /// Reads every tag the cache holds down to its commit's tree, so that a
    /// damaged object store is found before a release is read from it.
    ///
    /// - Throws: ``GitCacheError/corrupt(directory:reason:)``.
    public func checkIntegrity() throws(GitCacheError) {
        do {
            for tag in try repository.tagReferences() {
                _ = try repository.rawObject(tag.objectID)
                let target = try repository.peelToCommit(tag.objectID)
                _ = try repository.treeEntries(target.treeID)
            }
        } catch {
            throw Self.classify(error, directory: directory)
        }
    }

    /// The tags the cache holds.
    public func tags() throws(GitCacheError) -> [GitTagReference] {
        do {
            return try repository.tagReferences()
        } catch {
            throw Self.classify(error, directory: directory)
        }
    }

    /// Fetches the tags of `url` (https, ssh, file URL or local path) that the
    /// cache does not hold yet, with the objects they need.
    ///
    /// Nothing is downloaded when the remote advertises no new tag, so a run
    /// with nothing to do costs one connection and the reference listing.
    ///
    /// - Returns: what the remote advertised, what was fetched, and which
    ///   tags moved (kept at the cached object; the caller must refuse them).
    /// - Throws: ``GitCacheError/fetchFailed(url:_:)`` when the remote cannot
    ///   be used, ``GitCacheError/timedOut(url:seconds:)`` past the deadline,
    ///   ``GitCacheError/corrupt(directory:reason:)`` when the local store is damaged.
    /// - Parameter replacing: says, for a tag the cache holds and the remote now
    ///   advertises with another object, whether the remote's object may replace
    ///   the cached one (the caller allows it for tags it never verified); the
    ///   others are kept and reported in ``GitFetchReport/movedTags``.
    public func fetchTags(from url: String, options: GitFetchOptions = GitFetchOptions(),
                          replacing: (String) -> Bool = { _ in false }) throws(GitCacheError) -> GitFetchReport {
        let cached: [GitTagReference]
        do {
            cached = try repository.tagReferences()
        } catch {
            throw Self.classify(error, directory: directory)
        }
        let cachedIDs = Dictionary(cached.map { ($0.name, $0.objectID) }, uniquingKeysWith: { first, _ in first })
        let context = GitRemoteCallbackContext(timeout: options.timeout, sshKey: options.sshKey)
        let remote: GitRemote
        do {
            remote = try GitRemote(url: url, in: repository)
        } catch {
            throw .fetchFailed(url: url, error)
        }
        defer { remote.disconnect() }

        var advertised: [GitTagReference] = []
        var wanted: [GitTagReference] = []
        var replaced: Set<String> = []
        var moved: [GitTagMove] = []
        var invalidName: String?
        do {
            try context.withCallbacks { (callbacks) throws(GitError) in
                try remote.connect(&callbacks)
                for (name, id) in try remote.advertisedTags() {
                    guard GitRepository.isValidTagName(name) else {
                        invalidName = name
                        throw GitError(operation: "git_remote_ls", code: .invalidSpec, errorClass: .reference,
                                       message: "invalid tag name '\(name)'")
                    }
                    let tag = GitTagReference(name: name, objectID: id)
                    advertised.append(tag)
                    if let held = cachedIDs[name] {
                        guard held != id else { continue }
                        if replacing(name) {
                            wanted.append(tag)
                            replaced.insert(name)
                        } else {
                            moved.append(GitTagMove(name: name, cachedID: held, remoteID: id))
                        }
                    } else {
                        wanted.append(tag)
                    }
                }
                guard !wanted.isEmpty else { return }
                // One non-forced refspec per new tag: a tag the cache holds is
                // never named, so it cannot be overwritten; forced only for the
                // tags the caller allowed to be replaced.
                try remote.fetch(refspecs: wanted.map {
                    (replaced.contains($0.name) ? "+" : "") + "\($0.referenceName):\($0.referenceName)"
                }, callbacks: callbacks)
            }
        } catch {
            if context.timedOut { throw .timedOut(url: url, seconds: options.timeout) }
            if let invalidName { throw .invalidTagName(url: url, name: invalidName) }
            if Self.isLocalDamage(error) { throw .corrupt(directory: directory, reason: error.description) }
            throw .fetchFailed(url: url, error)
        }

        // The remote may have moved a tag between listing and download; what
        // the cache now holds is the truth.
        var fetched: [GitTagReference] = []
        for tag in wanted {
            let held: GitObjectID?
            do {
                held = try repository.tagReference(named: tag.name)
            } catch {
                throw Self.classify(error, directory: directory)
            }
            if held == tag.objectID {
                fetched.append(tag)
            } else if let held {
                moved.append(GitTagMove(name: tag.name, cachedID: held, remoteID: tag.objectID))
            }
        }
        return GitFetchReport(wasInitialClone: cached.isEmpty, remoteTags: advertised.sorted(),
                              fetchedTags: fetched.sorted(), movedTags: moved.sorted { $0.name < $1.name })
    }

    /// True for errors that say the local repository, not the remote, is broken.
    static func isLocalDamage(_ error: GitError) -> Bool {
        [.odb, .object, .zlib, .repository, .reference, .config].contains(error.errorClass)
            && error.code != .authentication && error.code != .certificate
    }

    private static func classify(_ error: GitError, directory: String) -> GitCacheError {
        // Opening or reading a cache we created can only fail if it was damaged
        // (or replaced); anything but an OS-level failure says so.
        if error.errorClass == .os || error.errorClass == .filesystem, error.code != .notFound {
            return .git(error)
        }
        return .corrupt(directory: directory, reason: error.description)
    }
}
