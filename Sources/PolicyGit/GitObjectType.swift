internal import CGit2

/// The type of a stored Git object.
public enum GitObjectType: String, Sendable, Hashable {
    case commit
    case tree
    case blob
    case tag

    /// The Swift value for libgit2's `git_object_t`; `nil` for the values that
    /// are not a stored type (`GIT_OBJECT_ANY`, deltas, invalid).
    init?(_ type: git_object_t) {
        switch type {
        case GIT_OBJECT_COMMIT: self = .commit
        case GIT_OBJECT_TREE: self = .tree
        case GIT_OBJECT_BLOB: self = .blob
        case GIT_OBJECT_TAG: self = .tag
        default: return nil
        }
    }
}
