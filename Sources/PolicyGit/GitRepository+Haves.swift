internal import CGit2

/// The cache's "have" references: one per usable release tag, `refs/haves/<tag>`,
/// pointing at the commit the tag leads to.
///
/// libgit2 1.5 builds what it tells a smart (https, ssh) server it already has from
/// every reference except `refs/tags/*` (smart_protocol.c, `fetch_setup_walk`: "No
/// tags"). A cache of tags alone would thus claim to have nothing, and every new
/// release would download the whole history again; with these references the server
/// sends only what is new, as it does for `git fetch`. They point at commits only:
/// libgit2's local transport hides every local reference from its walk and stops at
/// one that does not lead to a commit (local.c, `foreach_reference_cb` compares an
/// error class with an error code), so no reference in the cache may lead elsewhere.
extension GitRepository {
    static let havesPrefix = "refs/haves/"

    /// Points `refs/haves/<tag>` at `commit`, replacing what it pointed at.
    func setHaveReference(for tag: String, commit: GitObjectID) throws(GitError) {
        var oid = commit.oid
        try withUnsafeRepositoryPointer { (repo) throws(GitError) in
            var reference: OpaquePointer?
            try gitCheck(git_reference_create(&reference, repo, Self.havesPrefix + tag, &oid, 1, "policy cache"),
                         "git_reference_create(\(Self.havesPrefix + tag))")
            git_reference_free(reference)
        }
    }

    /// Deletes `refs/haves/<tag>` when it exists.
    func removeHaveReference(for tag: String) throws(GitError) {
        let result = withUnsafeRepositoryPointer { repo in git_reference_remove(repo, Self.havesPrefix + tag) }
        if result == GIT_ENOTFOUND.rawValue { return }
        try gitCheck(result, "git_reference_remove(\(Self.havesPrefix + tag))")
    }

    /// The `refs/haves/` references: tag name -> the commit it points at.
    func haveReferences() throws(GitError) -> [String: GitObjectID] {
        var names = git_strarray()
        try withUnsafeRepositoryPointer { (repo) throws(GitError) in
            try gitCheck(git_reference_list(&names, repo), "git_reference_list")
        }
        defer { git_strarray_dispose(&names) }
        var found: [String: GitObjectID] = [:]
        for index in 0..<names.count {
            guard let cName = names.strings[index] else { continue }
            let name = String(cString: cName)
            guard name.hasPrefix(Self.havesPrefix) else { continue }
            var oid = git_oid()
            let result = withUnsafeRepositoryPointer { repo in git_reference_name_to_id(&oid, repo, name) }
            try gitCheck(result, "git_reference_name_to_id(\(name))")
            found[String(name.dropFirst(Self.havesPrefix.count))] = GitObjectID(&oid)
        }
        return found
    }
}
