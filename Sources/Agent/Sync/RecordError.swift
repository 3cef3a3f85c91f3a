import PolicyDeploy

/// Why the record step (state file, agent record, metrics file) failed.
enum RecordError: SyncStepFailure {
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case state(DeployError)

    var reason: String { "record" }

    var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read the agent record: \(reason)"
        case .unwritable(let path, let reason): "\(path): cannot write: \(reason)"
        case .state(let error): error.description
        }
    }
}
