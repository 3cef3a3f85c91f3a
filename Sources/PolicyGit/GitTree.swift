internal import CGit2

/// A tree object (owns a libgit2 `git_tree`). Its entries are copied out as
/// ``GitTreeEntry`` values, so no libgit2 pointer outlives the tree.
final class GitTree {
    private let pointer: OpaquePointer
    private let repository: GitRepository

    init(_ id: GitObjectID, in repository: GitRepository) throws(GitError) {
        var tree: OpaquePointer?
        var oid = id.oid
        try repository.withUnsafeRepositoryPointer { (repo) throws(GitError) in
            try gitCheck(git_tree_lookup(&tree, repo, &oid), "git_tree_lookup(\(id))")
        }
        guard let tree else {
            throw GitError(operation: "git_tree_lookup(\(id))", code: .generic, errorClass: .tree,
                           message: "libgit2 reported success but returned no tree for \(id)")
        }
        self.pointer = tree
        self.repository = repository
    }

    deinit {
        git_tree_free(pointer)
    }

    /// The tree's entries in stored order.
    var entries: [GitTreeEntry] {
        (0..<git_tree_entrycount(pointer)).compactMap { index in
            guard let entry = git_tree_entry_byindex(pointer, index),
                  let name = git_tree_entry_name(entry),
                  let oid = git_tree_entry_id(entry) else { return nil }
            return GitTreeEntry(name: String(cString: name),
                                mode: GitTreeEntry.Mode(rawValue: UInt32(git_tree_entry_filemode_raw(entry).rawValue)),
                                id: GitObjectID(oid))
        }
    }
}
