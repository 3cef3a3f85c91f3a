internal import CGit2

/// An in-memory remote for one URL (owns a libgit2 `git_remote`): nothing is
/// written to the repository's configuration.
///
/// Keeps its repository alive, since the remote points into it.
final class GitRemote {
    private let pointer: OpaquePointer
    private let repository: GitRepository
    let url: String

    /// An anonymous remote for `url` (https, ssh, file URL or local path).
    init(url: String, in repository: GitRepository) throws(GitError) {
        var remote: OpaquePointer?
        try repository.withUnsafeRepositoryPointer { (repo) throws(GitError) in
            try gitCheck(git_remote_create_anonymous(&remote, repo, url), "git_remote_create_anonymous")
        }
        guard let remote else {
            throw GitError(operation: "git_remote_create_anonymous", code: .generic, errorClass: .invalid,
                           message: "libgit2 reported success but returned no remote for '\(url)'")
        }
        self.pointer = remote
        self.repository = repository
        self.url = url
    }

    deinit {
        git_remote_free(pointer)
    }

    /// Connects for fetching with `callbacks` (deadline, credentials).
    func connect(_ callbacks: inout git_remote_callbacks) throws(GitError) {
        try gitCheck(git_remote_connect(pointer, GIT_DIRECTION_FETCH, &callbacks, nil, nil), "git_remote_connect")
    }

    /// The tags the connected remote advertises: `refs/tags/<name>` with the
    /// object the reference points at (peeled `^{}` lines are left out).
    func advertisedTags() throws(GitError) -> [(name: String, id: GitObjectID)] {
        var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
        var count = 0
        try gitCheck(git_remote_ls(&heads, &count, pointer), "git_remote_ls")
        guard let heads else { return [] }
        var tags: [(name: String, id: GitObjectID)] = []
        for index in 0..<count {
            guard let head = heads[index], let cName = head.pointee.name else { continue }
            let name = String(cString: cName)
            guard name.hasPrefix("refs/tags/"), !name.hasSuffix("^{}") else { continue }
            let id = withUnsafePointer(to: head.pointee.oid) { GitObjectID($0) }
            tags.append((String(name.dropFirst("refs/tags/".count)), id))
        }
        return tags
    }

    /// Downloads what `refspecs` need and updates the local references they
    /// name, without FETCH_HEAD, auto-followed tags or pruning.
    func fetch(refspecs: [String], callbacks: git_remote_callbacks) throws(GitError) {
        var options = git_fetch_options()
        try gitCheck(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "git_fetch_options_init")
        options.callbacks = callbacks
        options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
        options.prune = GIT_FETCH_NO_PRUNE
        options.update_fetchhead = 0
        let remote = pointer
        try withGitStringArray(refspecs) { (array) throws(GitError) in
            try gitCheck(git_remote_download(remote, array, &options), "git_remote_download")
            var tipCallbacks = callbacks
            try gitCheck(git_remote_update_tips(remote, &tipCallbacks, 0, GIT_REMOTE_DOWNLOAD_TAGS_NONE, "fetch tags"),
                         "git_remote_update_tips")
        }
    }

    /// Closes the connection; safe to call when not connected.
    func disconnect() {
        _ = git_remote_disconnect(pointer)
    }
}
