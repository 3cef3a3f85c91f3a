/// Why a release and a host's overrides could not be merged into a table to deploy.
public enum MergeError: Error, Sendable, CustomStringConvertible {
    /// The release has entries the host's Postfix rejects (and no override replaces or
    /// removes them): deploying it would defer mail.
    case invalidRelease([MergeProblem])
    /// The overrides file has lines the host's Postfix rejects, or malformed directives.
    case invalidOverrides([MergeProblem])

    public var problems: [MergeProblem] {
        switch self {
        case .invalidRelease(let problems), .invalidOverrides(let problems): problems
        }
    }

    public var description: String {
        let what = switch self {
        case .invalidRelease: "the release is not valid for this host's Postfix"
        case .invalidOverrides: "the local overrides are not valid"
        }
        return ([what + ":"] + problems.map(\.description)).joined(separator: "\n")
    }
}
