/// Why the select step found no release to deploy.
enum SelectError: SyncStepFailure {
    /// The remote advertises no tag the pin allows.
    case noRelease(pin: String, advertised: Int, deployed: String?)
    /// The newest release the remote offers is older than the one deployed.
    case rollback(tag: String, deployed: String)

    var reason: String {
        switch self {
        case .noRelease: "no-release"
        case .rollback: "rollback"
        }
    }

    var isRefusal: Bool { true }

    var tag: String? {
        if case .rollback(let tag, _) = self { return tag }
        return nil
    }

    var description: String {
        switch self {
        case .noRelease(let pin, let count, let deployed):
            "no release tag matches release_tag = \(pin) among the \(count) tag(s) the repository offers"
                + (deployed.map { "; the deployed release \($0) is no longer offered" } ?? "")
        case .rollback(let tag, let deployed):
            "release \(tag) refused: it is older than the deployed release \(deployed) (rollback); "
                + "the repository no longer offers \(deployed) or anything newer"
        }
    }
}
