import PolicyDeploy

/// Why the deploy step failed (PolicyDeploy's error, with a reason for metrics).
struct DeployStepError: SyncStepFailure {
    var error: DeployError

    var reason: String {
        switch error {
        case .command, .postmapWarnings, .spotCheckFailed: "postmap-failed"
        case .postfixCheckFailed: "postfix-check-failed"
        case .reloadFailed: "reload-failed"
        case .mapTypeUnavailable, .invalidMap: "map-type-unavailable"
        default: "deploy-io"
        }
    }

    var isLocalIOError: Bool {
        if case .io = error { return true }
        return false
    }

    var description: String { error.description }
}
