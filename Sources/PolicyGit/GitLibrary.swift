internal import CGit2

/// The process-wide libgit2 library: initialised once, before any other
/// libgit2 call, and never shut down.
///
/// libgit2 must be initialised before use; `git_libgit2_init` is
/// reference-counted and `git_libgit2_shutdown` tears down global state that
/// other threads may still be using, so the process initialises it exactly
/// once and lets the OS reclaim it at exit.
public enum GitLibrary {
    /// The outcome of the one `git_libgit2_init` call. A `static let` is
    /// initialised lazily, exactly once and thread-safely by the Swift
    /// runtime, so it is the once-guard itself: no lock, no mutable state.
    private static let initialisation: Result<Void, GitError> = {
        let result = git_libgit2_init()
        guard result >= 0 else {
            return .failure(GitError(operation: "git_libgit2_init", code: result))
        }
        return .success(())
    }()

    /// Initialises libgit2 if this process has not yet done so. Every owner
    /// type in this module calls it before its first libgit2 call; calling it
    /// again is cheap and returns the first call's outcome.
    public static func initialise() throws(GitError) {
        try initialisation.get()
    }

    /// The optional capabilities this libgit2 build was compiled with.
    public static func features() throws(GitError) -> GitFeatures {
        try initialise()
        return GitFeatures(rawValue: git_libgit2_features())
    }

    /// The libgit2 version the process runs with, as `major.minor.revision`.
    public static func version() throws(GitError) -> String {
        try initialise()
        var major: Int32 = 0
        var minor: Int32 = 0
        var revision: Int32 = 0
        try gitCheck(git_libgit2_version(&major, &minor, &revision), "git_libgit2_version")
        return "\(major).\(minor).\(revision)"
    }
}
