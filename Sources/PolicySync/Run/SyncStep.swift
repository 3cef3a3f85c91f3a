/// The steps of one sync, in the order they run. Each step logs what it did and counts
/// its outcome (see ``SyncCounters``), as kubernetes/git-sync does for its loop.
public enum SyncStep: String, Sendable, CaseIterable, Codable {
    case lock, fetch, select, verify, read, merge, render, validate, canary, deploy, record

    /// How a step ended.
    public enum Outcome: String, Sendable, Codable {
        /// It did its work.
        case success
        /// There was nothing to do (an unchanged map).
        case noop
        /// It failed; the sync stopped there.
        case error
    }
}
