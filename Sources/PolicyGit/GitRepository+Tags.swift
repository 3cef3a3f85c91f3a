internal import CGit2

extension GitRepository {
    /// Every tag reference in the repository (`refs/tags/*`), sorted by name,
    /// each with the object it points at (not peeled).
    public func tagReferences() throws(GitError) -> [GitTagReference] {
        var names = git_strarray()
        try withUnsafeRepositoryPointer { (repo) throws(GitError) in
            try gitCheck(git_tag_list(&names, repo), "git_tag_list")
        }
        defer { git_strarray_dispose(&names) }
        var tags: [GitTagReference] = []
        for index in 0..<names.count {
            guard let cName = names.strings[index] else { continue }
            let name = String(cString: cName)
            guard let id = try tagReference(named: name) else { continue }
            tags.append(GitTagReference(name: name, objectID: id))
        }
        return tags.sorted()
    }

    /// The object `refs/tags/<name>` points at, or `nil` when there is no such tag.
    public func tagReference(named name: String) throws(GitError) -> GitObjectID? {
        var oid = git_oid()
        let result = withUnsafeRepositoryPointer { repo in
            git_reference_name_to_id(&oid, repo, "refs/tags/" + name)
        }
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try gitCheck(result, "git_reference_name_to_id(refs/tags/\(name))")
        return GitObjectID(&oid)
    }

    /// Deletes `refs/tags/<name>`; the objects it pointed at stay in the store.
    func removeTagReference(named name: String) throws(GitError) {
        try withUnsafeRepositoryPointer { (repo) throws(GitError) in
            try gitCheck(git_reference_remove(repo, "refs/tags/" + name), "git_reference_remove(refs/tags/\(name))")
        }
    }

    /// True when `name` is a valid tag name for git (`refs/tags/<name>` is a
    /// valid reference name).
    public static func isValidTagName(_ name: String) -> Bool {
        var valid: Int32 = 0
        guard (try? GitLibrary.initialise()) != nil,
              git_reference_name_is_valid(&valid, "refs/tags/" + name) == 0 else { return false }
        return valid == 1 && !name.isEmpty
    }
}
