import PolicyDeploy
import TLSPolicy

/// Why the merge step failed: the host's facts, the overrides file, or the merge itself.
enum MergeStepError: SyncStepFailure {
    case postfix(DeployError)
    case overridesUnreadable(path: String, reason: String)
    case merge(MergeError)

    var reason: String {
        switch self {
        case .postfix: "postfix-unavailable"
        case .overridesUnreadable: "invalid-overrides"
        case .merge(.invalidOverrides): "invalid-overrides"
        case .merge(.invalidRelease): "invalid-release"
        }
    }

    var description: String {
        switch self {
        case .postfix(let error): "cannot ask Postfix about this host: \(error)"
        case .overridesUnreadable(let path, let reason): "\(path): cannot read the overrides: \(reason)"
        case .merge(let error): error.description
        }
    }
}
