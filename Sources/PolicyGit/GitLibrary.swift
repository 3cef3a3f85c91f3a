internal import CGit2

/// The process-wide libgit2 library: initialised once, before any other
/// libgit2 call, and never shut down.
///
/// libgit2 must be initialised before use; `git_libgit2_init` is
/// reference-counted and `git_libgit2_shutdown` tears down global state that
/// other threads may still be using, so the process initialises it exactly
/// once and lets the OS reclaim it at exit.
public enum GitLibrary {
    /// The outcome of the one initialisation. A `static let` is initialised
    /// lazily, exactly once and thread-safely by the Swift runtime, so it is
    /// the once-guard itself: no lock, no mutable state.
    private static let initialisation: Result<Void, GitError> = {
        let result = git_libgit2_init()
        guard result >= 0 else {
            return .failure(GitError(operation: "git_libgit2_init", code: result))
        }
        return Result { () throws(GitError) in
            try checkRuntimeVersion()
            // Every connection libgit2 opens from now on goes through PolicyGit's
            // socket stream, which enforces each fetch's deadline.
            try GitSocketStream.register()
        }
    }()

    /// Initialises libgit2 if this process has not yet done so, and registers
    /// PolicyGit's socket stream with it. Every owner type in this module calls
    /// it before its first libgit2 call; calling it again is cheap and returns
    /// the first call's outcome.
    public static func initialise() throws(GitError) {
        try initialisation.get()
    }

    /// Refuses a libgit2 of another minor version than the headers this module
    /// was compiled with: ``GitSocketStream`` repeats the layout of an internal
    /// libgit2 struct, checked against 1.5's source, and a different library
    /// could read its socket from the wrong place.
    private static func checkRuntimeVersion() throws(GitError) {
        var major: Int32 = 0
        var minor: Int32 = 0
        var revision: Int32 = 0
        try gitCheck(git_libgit2_version(&major, &minor, &revision), "git_libgit2_version")
        guard major == LIBGIT2_VER_MAJOR, minor == LIBGIT2_VER_MINOR else {
            throw GitError(operation: "git_libgit2_version", code: .generic, errorClass: .invalid,
                           message: "PolicyGit was built with libgit2 \(LIBGIT2_VER_MAJOR).\(LIBGIT2_VER_MINOR) headers "
                               + "but runs with libgit2 \(major).\(minor).\(revision); rebuild it against the library it runs with")
        }
    }
}
