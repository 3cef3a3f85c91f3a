internal import CGit2

/// A failed libgit2 call: which operation failed, libgit2's return code, the
/// error class it reported and its message.
///
/// libgit2 keeps its last error per thread, so the error is captured right
/// after the failing call (``GitError/init(operation:code:)``), before any
/// other libgit2 call on the same thread can replace it.
public struct GitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The libgit2 function that failed, for example `git_repository_open_ext`.
    public let operation: String
    /// The value libgit2 returned (a negative `git_error_code`).
    public let code: Code
    /// The subsystem libgit2 blamed (`git_error_t`).
    public let errorClass: ErrorClass
    /// libgit2's own message; it usually names the path or reference involved.
    public let message: String

    /// Creates an error from its parts; for errors that do not come from
    /// libgit2's last-error slot.
    public init(operation: String, code: Code, errorClass: ErrorClass, message: String) {
        self.operation = operation
        self.code = code
        self.errorClass = errorClass
        self.message = message
    }

    /// Captures libgit2's last error for the call `operation` that returned
    /// `code`. Must run on the thread that made the call, right after it.
    init(operation: String, code: Int32) {
        let last = git_error_last()
        let klass = last.map { Int32($0.pointee.klass) } ?? 0
        let text = last.flatMap { $0.pointee.message.map { String(cString: $0) } }
        self.init(
            operation: operation,
            code: Code(rawValue: code),
            errorClass: ErrorClass(rawValue: klass),
            message: text ?? "no message from libgit2 (return code \(code))"
        )
    }

    public var description: String {
        "\(operation) failed: \(message) (code \(code.rawValue), class \(errorClass.rawValue))"
    }
}

extension GitError {
    /// libgit2's return codes (`git_error_code`). Only the ones callers branch
    /// on are named; any other value is kept as it came.
    public struct Code: RawRepresentable, Sendable, Hashable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// `GIT_ERROR`: a generic failure.
        public static let generic = Code(rawValue: GIT_ERROR.rawValue)
        /// `GIT_ENOTFOUND`: no such object, reference or repository.
        public static let notFound = Code(rawValue: GIT_ENOTFOUND.rawValue)
        /// `GIT_EEXISTS`: the object or reference already exists.
        public static let exists = Code(rawValue: GIT_EEXISTS.rawValue)
        /// `GIT_EUNBORNBRANCH`: HEAD names a branch with no commit yet.
        public static let unbornBranch = Code(rawValue: GIT_EUNBORNBRANCH.rawValue)
        /// `GIT_EINVALIDSPEC`: a malformed name or reference specification.
        public static let invalidSpec = Code(rawValue: GIT_EINVALIDSPEC.rawValue)
        /// `GIT_EAUTH`: authentication failed.
        public static let authentication = Code(rawValue: GIT_EAUTH.rawValue)
        /// `GIT_ECERTIFICATE`: the server's certificate was refused.
        public static let certificate = Code(rawValue: GIT_ECERTIFICATE.rawValue)
        /// `GIT_EPEEL`: the object cannot be peeled to the requested type.
        public static let peel = Code(rawValue: GIT_EPEEL.rawValue)
        /// `GIT_EOWNER`: the repository belongs to another user and is not
        /// listed in `safe.directory`.
        public static let owner = Code(rawValue: GIT_EOWNER.rawValue)
    }

    /// libgit2's error classes (`git_error_t`). Only the ones callers are
    /// likely to branch on are named; any other value is kept as it came.
    public struct ErrorClass: RawRepresentable, Sendable, Hashable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// `GIT_ERROR_NONE`: libgit2 recorded no error.
        public static let none = ErrorClass(GIT_ERROR_NONE)
        /// `GIT_ERROR_OS`: a system call failed.
        public static let os = ErrorClass(GIT_ERROR_OS)
        /// `GIT_ERROR_INVALID`: invalid input.
        public static let invalid = ErrorClass(GIT_ERROR_INVALID)
        /// `GIT_ERROR_REFERENCE`.
        public static let reference = ErrorClass(GIT_ERROR_REFERENCE)
        /// `GIT_ERROR_REPOSITORY`.
        public static let repository = ErrorClass(GIT_ERROR_REPOSITORY)
        /// `GIT_ERROR_NET`.
        public static let network = ErrorClass(GIT_ERROR_NET)
        /// `GIT_ERROR_TAG`.
        public static let tag = ErrorClass(GIT_ERROR_TAG)
        /// `GIT_ERROR_SSL`.
        public static let ssl = ErrorClass(GIT_ERROR_SSL)
        /// `GIT_ERROR_SSH`.
        public static let ssh = ErrorClass(GIT_ERROR_SSH)
        /// `GIT_ERROR_HTTP`.
        public static let http = ErrorClass(GIT_ERROR_HTTP)
        /// `GIT_ERROR_ZLIB`: a stored object does not inflate.
        public static let zlib = ErrorClass(GIT_ERROR_ZLIB)
        /// `GIT_ERROR_CONFIG`.
        public static let config = ErrorClass(GIT_ERROR_CONFIG)
        /// `GIT_ERROR_ODB`: the object database.
        public static let odb = ErrorClass(GIT_ERROR_ODB)
        /// `GIT_ERROR_OBJECT`: a stored object is malformed or of the wrong type.
        public static let object = ErrorClass(GIT_ERROR_OBJECT)
        /// `GIT_ERROR_TREE`.
        public static let tree = ErrorClass(GIT_ERROR_TREE)
        /// `GIT_ERROR_INDEXER`: a received pack does not index.
        public static let indexer = ErrorClass(GIT_ERROR_INDEXER)
        /// `GIT_ERROR_CALLBACK`: one of our callbacks stopped the operation
        /// (for example the fetch deadline).
        public static let callback = ErrorClass(GIT_ERROR_CALLBACK)
        /// `GIT_ERROR_FILESYSTEM`.
        public static let filesystem = ErrorClass(GIT_ERROR_FILESYSTEM)

        private init(_ value: git_error_t) { self.rawValue = Int32(value.rawValue) }
    }
}

/// Turns a libgit2 return code into a thrown ``GitError`` when it signals
/// failure (negative); returns the code otherwise, since some calls use
/// positive values as answers.
@discardableResult
func gitCheck(_ result: Int32, _ operation: String) throws(GitError) -> Int32 {
    guard result >= 0 else { throw GitError(operation: operation, code: result) }
    return result
}
