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

    deinit {
        git_object_free(pointer)
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
