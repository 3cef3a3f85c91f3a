/// Why a directory of a tree could not be read as plain files. Every case
/// refuses the whole tree: a release whose policy directory holds anything
/// but regular files is not deployed, rather than deployed in part.
public enum GitTreeReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The tree has no entry of that name.
    case missingDirectory(path: String)
    /// A path (a file or a directory, possibly nested) names nothing in the tree.
    case missingPath(path: String)
    /// The path exists but is not a plain directory (a symlink, a file, a gitlink).
    case notADirectory(path: String, kind: String)
    /// An entry's name could escape the directory or is not a plain file name
    /// (`.`, `..`, empty, a slash, a backslash, `.git`).
    case unsafeName(directory: String, name: String)
    /// An entry is not a regular file: a symbolic link, a subdirectory, a gitlink.
    case notRegularFile(path: String, kind: String)
    /// A file is larger than the limit; it was not read.
    case fileTooLarge(path: String, size: Int, limit: Int)
    /// The directory holds more entries than the limit.
    case tooManyFiles(directory: String, count: Int, limit: Int)
    /// libgit2 could not read an object.
    case git(GitError)

    public var description: String {
        switch self {
        case .missingDirectory(let path):
            return "\(path): no such directory in the release's tree"
        case .missingPath(let path):
            return "\(path): no such file or directory in the tree"
        case .notADirectory(let path, let kind):
            return "\(path): is a \(kind), not a directory"
        case .unsafeName(let directory, let name):
            return "\(directory): refusing an entry named '\(name)'"
        case .notRegularFile(let path, let kind):
            return "\(path): is a \(kind); only regular files are read"
        case .fileTooLarge(let path, let size, let limit):
            return "\(path): \(size) bytes, more than the limit of \(limit)"
        case .tooManyFiles(let directory, let count, let limit):
            return "\(directory): \(count) entries, more than the limit of \(limit)"
        case .git(let error):
            return error.description
        }
    }
}
