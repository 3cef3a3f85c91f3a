/// Why the select step found no release.
enum SelectError: SyncStepFailure {
    case noMatchingTag(pin: String, tagsSeen: Int)

    var reason: String { "no-matching-tag" }

    var description: String {
        switch self {
        case .noMatchingTag(let pin, let count):
            "no release tag matches release_tag = \(pin) (\(count) tag(s) in the repository)"
        }
    }
}
