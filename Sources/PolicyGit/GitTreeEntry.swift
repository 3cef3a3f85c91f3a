internal import CGit2

/// One entry of a tree, copied out of libgit2: its name, file mode and object.
public struct GitTreeEntry: Sendable, Hashable {
    /// The entry's name as stored: one path component, though a hostile tree
    /// can hold `..`, `.` or a name with a slash.
    public let name: String
    /// The entry's file mode, as stored.
    public let mode: Mode
    /// The object the entry names (a blob, a tree, or a commit for a gitlink).
    public let id: GitObjectID

    /// A Git file mode (`git_filemode_t`).
    public struct Mode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// `100644`: a regular file.
        public static let regularFile = Mode(rawValue: UInt32(GIT_FILEMODE_BLOB.rawValue))
        /// `100755`: an executable regular file.
        public static let executableFile = Mode(rawValue: UInt32(GIT_FILEMODE_BLOB_EXECUTABLE.rawValue))
        /// `120000`: a symbolic link.
        public static let symbolicLink = Mode(rawValue: UInt32(GIT_FILEMODE_LINK.rawValue))
        /// `040000`: a subdirectory.
        public static let directory = Mode(rawValue: UInt32(GIT_FILEMODE_TREE.rawValue))
        /// `160000`: a gitlink (submodule commit).
        public static let gitlink = Mode(rawValue: UInt32(GIT_FILEMODE_COMMIT.rawValue))

        /// What the mode means, in words for error messages.
        public var kind: String {
            switch self {
            case .regularFile, .executableFile: return "regular file"
            case .symbolicLink: return "symbolic link"
            case .directory: return "directory"
            case .gitlink: return "gitlink (submodule)"
            default: return "unknown mode"
            }
        }

        public var description: String { String(rawValue, radix: 8) }
    }

    /// An entry from its parts.
    public init(name: String, mode: Mode, id: GitObjectID) {
        self.name = name
        self.mode = mode
        self.id = id
    }
}
