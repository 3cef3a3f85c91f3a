extension GitCache {
    /// What a tag the fetch just brought is.
    enum FetchedTagState: Sendable, Hashable {
        case usable
        /// Complete but not a release; kept and reported.
        case unusable(GitUnusableTag.Reason)
        /// Objects missing or unparsable: the remote sent a broken pack.
        case incomplete(String)
    }

    /// Follows `tag` through its tag objects to its commit and that commit's
    /// root tree, reading each tag object only after its header shows its size.
    ///
    /// - Returns: nil for a tag that leads to a readable commit and tree;
    ///   otherwise why it cannot be a release.
    /// - Throws: ``GitError`` when an object is missing or cannot be read.
    func inspect(_ tag: GitTagReference, in database: GitObjectDatabase) throws(GitError) -> GitUnusableTag.Reason? {
        var id = tag.objectID
        for _ in 0..<Self.maximumTagNesting {
            let header = try database.header(of: id)
            switch header.type {
            case .tag:
                guard header.size <= maximumTagObjectSize else {
                    return .tagObjectTooLarge(size: header.size, limit: maximumTagObjectSize)
                }
                switch GitTagHeader.parse(try database.read(id).bytes) {
                case .success(let parsed): id = parsed.target
                case .failure(let malformed): return .malformedTagObject(malformed.reason)
                }
            case .commit:
                let target = try repository.peelToCommit(id)
                _ = try repository.treeEntries(target.treeID)
                return nil
            case .blob, .tree:
                return .notACommit(header.type)
            }
        }
        return .tooManyNestedTags(limit: Self.maximumTagNesting)
    }

    /// ``inspect(_:in:)`` for a tag just fetched: a failure there means the
    /// remote's pack lacked objects or held unparsable ones (libgit2 checks
    /// neither when it indexes a pack), not that the local store is damaged.
    func inspectFetched(_ tag: GitTagReference, in database: GitObjectDatabase) -> FetchedTagState {
        do {
            return try inspect(tag, in: database).map(FetchedTagState.unusable) ?? .usable
        } catch {
            return .incomplete(error.message)
        }
    }
}
