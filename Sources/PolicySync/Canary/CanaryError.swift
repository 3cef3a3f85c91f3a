/// Why the canary could not probe at all (the sync stops; the live map stays).
enum CanaryError: SyncStepFailure {
    /// The prober could not be set up (the system resolver's configuration, say).
    case proberUnavailable(reason: String)

    var reason: String { "canary-unavailable" }

    var description: String {
        switch self {
        case .proberUnavailable(let reason):
            "the host canary cannot probe from this host: \(reason) (set canary = off to deploy unprobed)"
        }
    }
}
