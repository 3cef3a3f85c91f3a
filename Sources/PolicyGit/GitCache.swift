internal import CGit2
import Foundation

/// The agent's bare cache of a remote's release tags, kept in one directory.
///
/// The first ``fetchTags(from:options:)`` into an empty cache is the clone;
/// later ones download only tags the cache does not hold yet, and remove the
/// tags the remote no longer advertises, so the cache mirrors the remote's
/// tags as of the last fetch. A tag the cache already holds is never updated,
/// even when the remote now advertises it with another object: libgit2, given
/// a forced refspec, would overwrite it silently, so the cache fetches each
/// new tag by its own non-forced refspec and reports every moved tag in
/// ``GitFetchReport/movedTags`` instead (following it only when the caller
/// asks, ``GitFetchOptions/followMovedTags``).
///
/// A tag that cannot be a release (it leads to a blob or tree, or its tag
/// object is oversized or malformed) is reported (``GitFetchReport/unusableTags``), never
/// taken for damage: the caller ignores it unless its pin would select it.
/// It is not kept in the cache (a reference there that leads to no commit
/// would break libgit2's later downloads), so each fetch reports it anew while
/// the remote advertises it. Each usable tag has a "have" reference beside it
/// (`refs/haves/<tag>`, see `GitRepository+Haves`), so that a new release
/// downloads only what is new.
///
/// Not `Sendable`, like ``GitRepository``: one cache per task.
public final class GitCache {
    /// The cache's directory (a bare repository).
    public let directory: String
    /// The repository, for reading objects and trees.
    public let repository: GitRepository
    /// The largest tag object the cache reads, in bytes; a larger one is
    /// unusable, and ``rawTagObject(_:)`` refuses it.
    public let maximumTagObjectSize: Int
    /// The default for ``maximumTagObjectSize``: a release tag (header,
    /// message with its `Expires:` line, an SSH or OpenPGP signature) is a few
    /// kilobytes; 256 KiB leaves room for a long message.
    public static let defaultMaximumTagObjectSize = 256 << 10
    /// How many tag objects may chain before a commit (a tag of a tag ...).
    static let maximumTagNesting = 8

    /// Opens the cache in `directory`, creating an empty bare repository when
    /// the directory is missing or empty, and checks that every tag it holds
    /// can be read down to its commit's tree (``checkIntegrity()``).
    ///
    /// - Throws: ``GitCacheError/corrupt(directory:reason:)`` when the
    ///   directory holds something that is not a sound bare repository: the
    ///   caller removes it and opens again, which clones afresh.
    public init(directory: String, maximumTagObjectSize: Int = GitCache.defaultMaximumTagObjectSize) throws(GitCacheError) {
        self.directory = directory
        self.maximumTagObjectSize = maximumTagObjectSize
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
    /// damaged object store is found before a release is read from it; removes
    /// the tags that cannot be releases and makes sure every other one has its
    /// "have" reference.
    ///
    /// - Returns: the tags removed because they cannot be releases, sorted by name.
    /// - Throws: ``GitCacheError/corrupt(directory:reason:)`` when an object
    ///   is missing or damaged (the fetch keeps no tag whose objects did not
    ///   all arrive, so that is local damage).
    @discardableResult
    public func checkIntegrity() throws(GitCacheError) -> [GitUnusableTag] {
        do {
            let database = try GitObjectDatabase(of: repository)
            var unusable: [GitUnusableTag] = []
            let tags = try repository.tagReferences()
            let haves = try repository.haveReferences()
            for tag in tags {
                if let reason = try inspect(tag, in: database) {
                    unusable.append(GitUnusableTag(tag: tag, reason: reason))
                    // Kept, it would break every later download (see GitRepository+Haves).
                    try forget(tag.name)
                } else {
                    let commit = try repository.peelToCommit(tag.objectID).commitID
                    if haves[tag.name] != commit { try repository.setHaveReference(for: tag.name, commit: commit) }
                }
            }
            let held = Set(tags.map(\.name)).subtracting(unusable.map(\.tag.name))
            for name in haves.keys where !held.contains(name) {
                try repository.removeHaveReference(for: name)
            }
            return unusable
        } catch {
            throw Self.classify(error, directory: directory)
        }
    }

    /// Removes a tag and its "have" reference from the cache; the objects stay.
    private func forget(_ name: String) throws(GitError) {
        try repository.removeTagReference(named: name)
        try repository.removeHaveReference(for: name)
    }

    /// The tags the cache holds: usable ones only, since unusable tags are reported and
    /// removed when found.
    public func tags() throws(GitCacheError) -> [GitTagReference] {
        do {
            return try repository.tagReferences()
        } catch {
            throw Self.classify(error, directory: directory)
        }
    }

    /// The raw tag object `tag` points at, read only after its header shows it
    /// is a tag of at most ``maximumTagObjectSize`` bytes.
    ///
    /// - Throws: ``GitCacheError/tagObjectTooLarge(id:size:limit:)`` for a
    ///   larger object, ``GitCacheError/git(_:)`` when it is not a tag object
    ///   (a lightweight tag) or cannot be read.
    public func rawTagObject(_ tag: GitTagReference) throws(GitCacheError) -> GitRawObject {
        do {
            let database = try GitObjectDatabase(of: repository)
            let header = try database.header(of: tag.objectID)
            guard header.type == .tag else {
                throw GitError(operation: "git_odb_read_header(\(tag.objectID))", code: .generic, errorClass: .tag,
                               message: "tag \(tag.name) points at a \(header.type.rawValue), not a tag object")
            }
            guard header.size <= maximumTagObjectSize else {
                throw GitCacheError.tagObjectTooLarge(id: tag.objectID, size: header.size, limit: maximumTagObjectSize)
            }
            return try database.read(tag.objectID)
        } catch let error as GitCacheError {
            throw error
        } catch let error as GitError {
            throw .git(error)
        } catch {
            // Only the two typed errors above are thrown in the `do` block.
            throw .git(GitError(operation: "rawTagObject", code: .generic, errorClass: .invalid, message: "\(error)"))
        }
    }

    /// Fetches the tags of `url` (https, ssh, file URL or local path) that the
    /// cache does not hold yet, with the objects they need, and removes the
    /// cached tags the remote no longer advertises.
    ///
    /// Nothing is downloaded when the remote advertises no new tag, so a run
    /// with nothing to do costs one connection and the reference listing.
    ///
    /// - Returns: what the remote advertised, what was fetched and pruned,
    ///   which tags moved (kept at the cached object unless followed; the
    ///   caller must refuse them) and which are unusable.
    /// - Throws: ``GitCacheError/refusedURL(url:reason:)`` for `http://`,
    ///   `git://` and the like; ``GitCacheError/invalidSetting(path:line:reason:)``
    ///   when a file the options name cannot be used;
    ///   ``GitCacheError/certificateRejected(url:host:reason:)``,
    ///   ``GitCacheError/hostKeyRejected(url:host:fingerprint:reason:)`` and
    ///   ``GitCacheError/authenticationFailed(url:reason:)`` when the server is
    ///   not the trusted one or refuses us; ``GitCacheError/timedOut(url:seconds:)``
    ///   past the deadline; ``GitCacheError/fetchFailed(url:_:)`` when the
    ///   remote cannot be used otherwise; ``GitCacheError/corrupt(directory:reason:)``
    ///   when the local store is damaged.
    public func fetchTags(from url: String, options: GitFetchOptions = GitFetchOptions()) throws(GitCacheError) -> GitFetchReport {
        let location = try GitRemoteLocation(parsing: url)
        // Each transport reads only its own settings: a broken CA file does not
        // stop an SSH fetch.
        var sshKey: GitSSHKey?
        var knownHosts: GitKnownHosts?
        var trust: GitTrustStore?
        switch location.transport {
        case .ssh:
            sshKey = options.sshKey
            try sshKey?.validate()
            if let path = options.knownHostsFile { knownHosts = try GitKnownHosts(contentsOf: path) }
        case .https:
            if let path = options.caFile { trust = try GitTrustStore.load(caFile: path) }
        case .file:
            break
        }

        let cached: [GitTagReference]
        do {
            cached = try repository.tagReferences()
        } catch {
            throw Self.classify(error, directory: directory)
        }
        let cachedIDs = Dictionary(cached.map { ($0.name, $0.objectID) }, uniquingKeysWith: { first, _ in first })
        let deadline = GitFetchDeadline(seconds: options.timeout)
        defer { deadline.finish() }
        let context = GitRemoteCallbackContext(deadline: deadline, location: location, sshKey: sshKey,
                                               knownHosts: knownHosts, trust: trust)
        let remote: GitRemote
        do {
            remote = try GitRemote(url: url, in: repository)
        } catch {
            throw .fetchFailed(url: url, error)
        }
        defer { remote.disconnect() }

        var advertised: [GitTagReference] = []
        var wanted: [GitTagReference] = []
        var moved: [String: GitTagMove] = [:]
        var invalidName: String?
        do {
            try deadline.during { () throws(GitError) in
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
                            let follow = options.followMovedTags.contains(name)
                            moved[name] = GitTagMove(name: name, cachedID: held, remoteID: id, followed: follow)
                            if follow { wanted.append(tag) }
                        } else {
                            wanted.append(tag)
                        }
                    }
                    guard !wanted.isEmpty else { return }
                    // One refspec per tag. A new tag's is not forced, and a tag the
                    // cache holds is named only when the caller asked to follow its
                    // move (forced, `+`): nothing else can be overwritten.
                    let refspecs = wanted.map { tag in
                        (moved[tag.name] == nil ? "" : "+") + "\(tag.referenceName):\(tag.referenceName)"
                    }
                    try remote.fetch(refspecs: refspecs, callbacks: callbacks)
                }
            }
        } catch {
            throw Self.fetchError(error, url: url, context: context, invalidName: invalidName, directory: directory)
        }

        let remoteNames = Set(advertised.map(\.name))
        let pruned = cached.filter { !remoteNames.contains($0.name) }
        var unusable: [GitUnusableTag] = []
        var fetched: [GitTagReference] = []
        do {
            for tag in pruned {
                try forget(tag.name)
            }
            let database = try GitObjectDatabase(of: repository)
            for tag in wanted {
                // The remote may have moved a tag between listing and download;
                // what the cache now holds is the truth.
                guard let held = try repository.tagReference(named: tag.name) else { continue }
                guard held == tag.objectID else {
                    moved[tag.name] = GitTagMove(name: tag.name, cachedID: held, remoteID: tag.objectID)
                    continue
                }
                switch inspectFetched(tag, in: database) {
                case .usable:
                    fetched.append(tag)
                    try repository.setHaveReference(for: tag.name, commit: try repository.peelToCommit(tag.objectID).commitID)
                case .unusable(let reason):
                    // Reported, and not kept: a reference that leads to no commit would break
                    // every later download (see GitRepository+Haves). The next fetch brings
                    // and reports it again while the remote still advertises it.
                    fetched.append(tag)
                    unusable.append(GitUnusableTag(tag: tag, reason: reason))
                    try forget(tag.name)
                case .incomplete(let reason):
                    // Kept, it would pass for local damage at the next opening.
                    try forget(tag.name)
                    unusable.append(GitUnusableTag(tag: tag, reason: .incomplete(reason)))
                }
            }
        } catch {
            throw Self.classify(error, directory: directory)
        }
        return GitFetchReport(wasInitialClone: cached.isEmpty, remoteTags: advertised.sorted(),
                              fetchedTags: fetched.sorted(), movedTags: moved.values.sorted { $0.name < $1.name },
                              prunedTags: pruned.sorted(), unusableTags: unusable.sorted { $0.tag.name < $1.tag.name },
                              receivedBytes: context.receivedBytes)
    }

    /// The error a failed fetch throws, most specific first: a refusal by a
    /// certificate, host-key or credential callback says more than libgit2's
    /// text, and a passed deadline explains whatever failed after it.
    private static func fetchError(_ error: GitError, url: String, context: GitRemoteCallbackContext,
                                   invalidName: String?, directory: String) -> GitCacheError {
        switch context.rejection {
        case .certificate(let host, let reason):
            return .certificateRejected(url: url, host: host, reason: reason)
        case .hostKey(let host, let fingerprint, let reason):
            return .hostKeyRejected(url: url, host: host, fingerprint: fingerprint, reason: reason)
        case .authentication(let reason):
            return .authenticationFailed(url: url, reason: reason)
        case nil:
            break
        }
        if context.deadline.hasPassed { return .timedOut(url: url, seconds: context.deadline.seconds) }
        if let invalidName { return .invalidTagName(url: url, name: invalidName) }
        if isLocalDamage(error) { return .corrupt(directory: directory, reason: error.description) }
        return .fetchFailed(url: url, error)
    }

    /// True for errors that say the local repository, not the remote, is broken.
    static func isLocalDamage(_ error: GitError) -> Bool {
        [.odb, .object, .zlib, .repository, .reference, .config].contains(error.errorClass)
            && error.code != .authentication && error.code != .certificate
    }

    static func classify(_ error: GitError, directory: String) -> GitCacheError {
        // Opening or reading a cache we created can only fail if it was damaged
        // (or replaced); anything but an OS-level failure says so.
        if error.errorClass == .os || error.errorClass == .filesystem, error.code != .notFound {
            return .git(error)
        }
        return .corrupt(directory: directory, reason: error.description)
    }
}
