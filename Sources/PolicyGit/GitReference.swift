internal import CGit2

/// A Git reference (owns a libgit2 `git_reference`): a branch, tag or HEAD.
///
/// Keeps its repository alive, since libgit2 objects point into it.
final class GitReference {
    private let pointer: OpaquePointer
    private let repository: GitRepository

    /// Takes ownership of `pointer`, which must come from `repository`.
    init(owning pointer: OpaquePointer, in repository: GitRepository) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit {
        git_reference_free(pointer)
    }

    /// The full reference name, such as `refs/heads/main`.
    var name: String {
        git_reference_name(pointer).map { String(cString: $0) } ?? ""
    }

    /// Follows the reference (and any tags) to an object of `type`.
    /// `operation` names the step in a thrown error.
    func peel(to type: git_object_t, _ operation: String) throws(GitError) -> GitObject {
        var object: OpaquePointer?
        try gitCheck(git_reference_peel(&object, pointer, type), operation)
        guard let object else {
            throw GitError(operation: operation, code: .generic, errorClass: .reference,
                           message: "libgit2 reported success but returned no object for \(name)")
        }
        return GitObject(owning: object, in: repository)
    }
}
