internal import CGit2

/// An open Git repository (owns a libgit2 `git_repository`).
///
/// Not `Sendable`: libgit2 does not make one repository object safe for use
/// from several threads at once. Open one per task instead; opening is cheap.
public final class GitRepository {
    private let pointer: OpaquePointer

    /// Opens the repository that contains `path`, looking in `path` and then
    /// in each parent directory the way `git` does, so a path inside a work
    /// tree (or a `.git` directory, or a bare repository) all work.
    ///
    /// Like `git`, the search does not cross a file-system boundary.
    ///
    /// - Parameters:
    ///   - path: Where to start looking.
    ///   - ceilingDirectories: Absolute directories the search must not
    ///     enter (as `GIT_CEILING_DIRECTORIES`): the search stops below them.
    /// - Throws: ``GitError`` with code ``GitError/Code/notFound`` when no
    ///   repository is found, or libgit2's error when one cannot be opened.
    public init(discoveringFrom path: String, ceilingDirectories: [String] = []) throws(GitError) {
        try GitLibrary.initialise()
        var repository: OpaquePointer?
        // libgit2 takes the ceiling list as one string separated the way
        // PATH is (`GIT_PATH_LIST_SEPARATOR`, ':' on Unix).
        let ceilings = ceilingDirectories.isEmpty ? nil : ceilingDirectories.joined(separator: ":")
        let result = git_repository_open_ext(&repository, path, 0, ceilings)
        try gitCheck(result, "git_repository_open_ext")
        guard let repository else {
            throw GitError(operation: "git_repository_open_ext", code: .generic, errorClass: .repository,
                           message: "libgit2 reported success but returned no repository for '\(path)'")
        }
        self.pointer = repository
    }

    /// Takes ownership of an opened repository.
    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// Opens the bare repository at exactly `path`, without searching parent
    /// directories.
    ///
    /// - Throws: ``GitError`` when `path` is not a readable bare repository.
    public static func openBare(at path: String) throws(GitError) -> GitRepository {
        try GitLibrary.initialise()
        var repository: OpaquePointer?
        try gitCheck(git_repository_open_bare(&repository, path), "git_repository_open_bare")
        guard let repository else {
            throw GitError(operation: "git_repository_open_bare", code: .generic, errorClass: .repository,
                           message: "libgit2 reported success but returned no repository for '\(path)'")
        }
        return GitRepository(owning: repository)
    }

    /// Creates an empty bare repository at `path` (and its parent directories).
    public static func createBare(at path: String) throws(GitError) -> GitRepository {
        try GitLibrary.initialise()
        var repository: OpaquePointer?
        try gitCheck(git_repository_init(&repository, path, 1), "git_repository_init")
        guard let repository else {
            throw GitError(operation: "git_repository_init", code: .generic, errorClass: .repository,
                           message: "libgit2 reported success but returned no repository for '\(path)'")
        }
        return GitRepository(owning: repository)
    }

    deinit {
        git_repository_free(pointer)
    }

    /// The repository's Git directory (the `.git` directory, or the
    /// repository itself when bare), as libgit2 reports it: absolute, with a
    /// trailing slash.
    public var gitDirectory: String {
        // libgit2 always has a path for an opened repository.
        git_repository_path(pointer).map { String(cString: $0) } ?? ""
    }

    /// The root of the work tree, with a trailing slash; `nil` for a bare
    /// repository.
    public var workingDirectory: String? {
        git_repository_workdir(pointer).map { String(cString: $0) }
    }

    /// Whether the repository has no work tree.
    public var isBare: Bool {
        git_repository_is_bare(pointer) == 1
    }

    /// The full hexadecimal ID of the commit HEAD resolves to (following a
    /// symbolic HEAD to its branch, or a detached HEAD directly), as
    /// `git rev-parse HEAD^{commit}` prints it.
    ///
    /// - Returns: `nil` when HEAD names a branch that has no commit yet (a
    ///   fresh `git init`).
    /// - Throws: ``GitError`` when HEAD is missing or does not lead to a commit.
    public func headCommitID() throws(GitError) -> String? {
        guard let head = try head() else { return nil }
        return try head.peel(to: GIT_OBJECT_COMMIT, "git_reference_peel(HEAD, commit)").id
    }

    /// HEAD as a resolved reference, or `nil` for an unborn branch.
    func head() throws(GitError) -> GitReference? {
        var reference: OpaquePointer?
        let result = git_repository_head(&reference, pointer)
        if result == GIT_EUNBORNBRANCH.rawValue { return nil }
        try gitCheck(result, "git_repository_head")
        guard let reference else {
            throw GitError(operation: "git_repository_head", code: .generic, errorClass: .reference,
                           message: "libgit2 reported success but returned no reference for HEAD")
        }
        return GitReference(owning: reference, in: self)
    }

    /// Lends the `git_repository` pointer to `body` for calls that need it.
    /// The pointer is valid only inside `body`, and must not be freed there.
    @discardableResult
    func withUnsafeRepositoryPointer<Result, Failure: Error>(
        _ body: (OpaquePointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try withExtendedLifetime(self) { () throws(Failure) -> Result in try body(pointer) }
    }
}
