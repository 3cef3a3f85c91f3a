/// The lock or record step's failure: the state directory could not be used.
struct StateStepError: SyncStepFailure {
    var error: StateError

    var reason: String {
        switch error {
        case .lockTimeout: "locked"
        case .unreadable, .unwritable: "state"
        }
    }

    var isLocalIOError: Bool { error.isLocalIOError }

    var description: String { error.description }
}
