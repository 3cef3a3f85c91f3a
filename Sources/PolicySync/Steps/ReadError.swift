import PolicyGit

/// Why the policy files could not be read from the verified release's tree.
enum ReadError: SyncStepFailure {
    case commit(tag: String, GitError)
    case tree(tag: String, GitTreeReadError)
    case noPolicyFiles(tag: String)

    var reason: String { "unreadable-release" }

    var description: String {
        switch self {
        case .commit(let tag, let error): "release \(tag): cannot read its commit: \(error)"
        case .tree(let tag, let error): "release \(tag) refused: \(error)"
        case .noPolicyFiles(let tag): "release \(tag) refused: policy/ holds no *.policy file"
        }
    }
}
