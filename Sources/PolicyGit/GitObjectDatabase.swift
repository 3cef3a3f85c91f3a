internal import CGit2

/// A repository's object database (owns a libgit2 `git_odb`): reads stored
/// objects as raw bytes, which is the only way to see a tag's signature.
final class GitObjectDatabase {
    private let pointer: OpaquePointer
    private let repository: GitRepository

    init(of repository: GitRepository) throws(GitError) {
        var odb: OpaquePointer?
        try repository.withUnsafeRepositoryPointer { (repo) throws(GitError) in
            try gitCheck(git_repository_odb(&odb, repo), "git_repository_odb")
        }
        guard let odb else {
            throw GitError(operation: "git_repository_odb", code: .generic, errorClass: .odb,
                           message: "libgit2 reported success but returned no object database")
        }
        self.pointer = odb
        self.repository = repository
    }

    deinit {
        git_odb_free(pointer)
    }

    /// The object's type and size, read from its header without inflating it.
    func header(of id: GitObjectID) throws(GitError) -> (type: GitObjectType, size: Int) {
        var size = 0
        var type = GIT_OBJECT_INVALID
        var oid = id.oid
        try gitCheck(git_odb_read_header(&size, &type, pointer, &oid), "git_odb_read_header(\(id))")
        guard let known = GitObjectType(type) else {
            throw GitError(operation: "git_odb_read_header(\(id))", code: .generic, errorClass: .object,
                           message: "object \(id) has no stored type (\(type.rawValue))")
        }
        return (known, size)
    }

    /// The object's content, exactly as stored.
    func read(_ id: GitObjectID) throws(GitError) -> GitRawObject {
        var object: OpaquePointer?
        var oid = id.oid
        try gitCheck(git_odb_read(&object, pointer, &oid), "git_odb_read(\(id))")
        guard let object else {
            throw GitError(operation: "git_odb_read(\(id))", code: .generic, errorClass: .odb,
                           message: "libgit2 reported success but returned no object for \(id)")
        }
        defer { git_odb_object_free(object) }
        let size = git_odb_object_size(object)
        let bytes: [UInt8]
        if size > 0, let data = git_odb_object_data(object) {
            bytes = Array(UnsafeRawBufferPointer(start: data, count: size))
        } else {
            bytes = []
        }
        guard let type = GitObjectType(git_odb_object_type(object)) else {
            throw GitError(operation: "git_odb_read(\(id))", code: .generic, errorClass: .object,
                           message: "object \(id) has no stored type")
        }
        return GitRawObject(id: id, type: type, bytes: bytes)
    }
}
