internal import CGit2

/// A Git object of any type (owns a libgit2 `git_object`): commit, tree, blob
/// or tag.
///
/// Keeps its repository alive, since libgit2 objects point into it.
final class GitObject {
    private let pointer: OpaquePointer
    private let repository: GitRepository

    /// Takes ownership of `pointer`, which must come from `repository`.
    init(owning pointer: OpaquePointer, in repository: GitRepository) {
        self.pointer = pointer
        self.repository = repository
    }

    /// Looks up the object `id`, which must be of `type`.
    convenience init(lookup id: GitObjectID, type: git_object_t, in repository: GitRepository) throws(GitError) {
        var object: OpaquePointer?
        var oid = id.oid
        try repository.withUnsafeRepositoryPointer { (repo) throws(GitError) in
            try gitCheck(git_object_lookup(&object, repo, &oid, type), "git_object_lookup(\(id))")
        }
        guard let object else {
            throw GitError(operation: "git_object_lookup(\(id))", code: .generic, errorClass: .object,
                           message: "libgit2 reported success but returned no object for \(id)")
        }
        self.init(owning: object, in: repository)
    }

    deinit {
        git_object_free(pointer)
    }

    /// Follows tags (and a commit to its tree) to an object of `type`.
    func peel(to type: git_object_t) throws(GitError) -> GitObject {
        var peeled: OpaquePointer?
        try gitCheck(git_object_peel(&peeled, pointer, type), "git_object_peel(\(id))")
        guard let peeled else {
            throw GitError(operation: "git_object_peel(\(id))", code: .generic, errorClass: .object,
                           message: "libgit2 reported success but returned no object for \(id)")
        }
        return GitObject(owning: peeled, in: repository)
    }

    /// The object's ID as a value.
    var objectID: GitObjectID? {
        git_object_id(pointer).map { GitObjectID($0) }
    }

    /// The object's full hexadecimal ID, as `git rev-parse` prints it.
    var id: String {
        guard let oid = git_object_id(pointer) else { return "" }
        // GIT_OID_HEXSZ hex digits and the terminating NUL git_oid_tostr writes.
        var buffer = [CChar](repeating: 0, count: Int(GIT_OID_HEXSZ) + 1)
        return buffer.withUnsafeMutableBufferPointer { characters in
            guard let start = characters.baseAddress,
                  let text = git_oid_tostr(start, characters.count, oid) else { return "" }
            return String(cString: text)
        }
    }
}
