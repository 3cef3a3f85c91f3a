internal import CGit2

extension GitRepository {
    /// Reads a stored object's raw content through the object database.
    ///
    /// For a tag this is the only way to see its signature: libgit2's tag
    /// accessors give the message with the signature block still in it and no
    /// way to split them, so the caller parses these bytes itself.
    public func rawObject(_ id: GitObjectID) throws(GitError) -> GitRawObject {
        try GitObjectDatabase(of: self).read(id)
    }

    /// The object a revision names, as `git rev-parse` reads it: a branch
    /// (`main`, `origin/main`), a tag, `HEAD`, `HEAD~2`, an abbreviated or full ID.
    public func resolveRevision(_ revision: String) throws(GitError) -> GitObjectID {
        var object: OpaquePointer?
        try withUnsafeRepositoryPointer { (repo) throws(GitError) in
            try gitCheck(git_revparse_single(&object, repo, revision), "git_revparse_single(\(revision))")
        }
        guard let object else {
            throw GitError(operation: "git_revparse_single(\(revision))", code: .generic, errorClass: .object,
                           message: "libgit2 reported success but returned no object for \(revision)")
        }
        guard let id = GitObject(owning: object, in: self).objectID else {
            throw GitError(operation: "git_object_id", code: .generic, errorClass: .object,
                           message: "libgit2 returned an object without an ID for \(revision)")
        }
        return id
    }

    /// Follows `id` (a tag, a chain of tags, or a commit) to its commit and tree.
    ///
    /// - Throws: ``GitError`` with ``GitError/Code/peel`` when it leads to no
    ///   commit (a tag of a blob or a tree), or when an object is missing.
    public func peelToCommit(_ id: GitObjectID) throws(GitError) -> GitTagTarget {
        let object = try GitObject(lookup: id, type: GIT_OBJECT_ANY, in: self)
        let commit = try object.peel(to: GIT_OBJECT_COMMIT)
        let tree = try commit.peel(to: GIT_OBJECT_TREE)
        guard let commitID = commit.objectID, let treeID = tree.objectID else {
            throw GitError(operation: "git_object_id", code: .generic, errorClass: .object,
                           message: "libgit2 returned an object without an ID while peeling \(id)")
        }
        return GitTagTarget(commitID: commitID, treeID: treeID)
    }

    /// The entries of the tree `id`, as stored.
    public func treeEntries(_ id: GitObjectID) throws(GitError) -> [GitTreeEntry] {
        try GitTree(id, in: self).entries
    }

    /// Reads the regular files directly inside `directory` (one path
    /// component, such as `policy`) of the tree `treeID`, without a work tree.
    ///
    /// Only regular files (mode 100644 or 100755) are read. Anything else in
    /// the directory refuses the whole read rather than being skipped, so a
    /// release is never deployed with part of its policy silently left out: a
    /// symbolic link, a subdirectory, a gitlink, a name that is `.`, `..`,
    /// `.git`, empty or holds a slash or backslash, a file over
    /// ``GitTreeReadLimits/maximumFileSize`` (checked from the object header,
    /// before the blob is inflated), or more entries than
    /// ``GitTreeReadLimits/maximumFileCount``.
    ///
    /// - Returns: the files sorted by path.
    public func regularFiles(
        inTree treeID: GitObjectID, directory: String, limits: GitTreeReadLimits = GitTreeReadLimits()
    ) throws(GitTreeReadError) -> [GitBlobFile] {
        do {
            let root = try GitTree(treeID, in: self).entries
            guard let entry = root.first(where: { $0.name == directory }) else {
                throw GitTreeReadError.missingDirectory(path: directory)
            }
            guard entry.mode == .directory else {
                throw GitTreeReadError.notADirectory(path: directory, kind: entry.mode.kind)
            }
            let entries = try GitTree(entry.id, in: self).entries
            guard entries.count <= limits.maximumFileCount else {
                throw GitTreeReadError.tooManyFiles(directory: directory, count: entries.count,
                                                   limit: limits.maximumFileCount)
            }
            let database = try GitObjectDatabase(of: self)
            var files: [GitBlobFile] = []
            for child in entries {
                guard Self.isPlainFileName(child.name) else {
                    throw GitTreeReadError.unsafeName(directory: directory, name: child.name)
                }
                let path = directory + "/" + child.name
                guard child.mode == .regularFile || child.mode == .executableFile else {
                    throw GitTreeReadError.notRegularFile(path: path, kind: child.mode.kind)
                }
                let header = try database.header(of: child.id)
                guard header.type == .blob else {
                    throw GitTreeReadError.notRegularFile(path: path, kind: "\(header.type.rawValue) object")
                }
                guard header.size <= limits.maximumFileSize else {
                    throw GitTreeReadError.fileTooLarge(path: path, size: header.size, limit: limits.maximumFileSize)
                }
                files.append(GitBlobFile(path: path, id: child.id, bytes: try database.read(child.id).bytes))
            }
            return files.sorted { $0.path < $1.path }
        } catch let error as GitTreeReadError {
            throw error
        } catch let error as GitError {
            throw .git(error)
        } catch {
            // Only the two typed errors above are thrown in the `do` block.
            throw .git(GitError(operation: "regularFiles", code: .generic, errorClass: .invalid, message: "\(error)"))
        }
    }

    /// True for a name that stays inside its directory and is not Git's own.
    static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && name.lowercased() != ".git"
            && !name.contains("/") && !name.contains("\\")
    }
}
