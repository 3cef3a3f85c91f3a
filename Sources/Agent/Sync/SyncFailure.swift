/// Why a sync stopped: the step that failed and its own error. The live map is as it
/// was before the run, except after ``SyncStep/deploy`` reports a reload failure.
struct SyncFailure: Error, Sendable, CustomStringConvertible {
    /// The step that failed.
    var step: SyncStep
    /// That step's error.
    var failure: any SyncStepFailure

    /// What the agent did about it, if anything (the empty map of `expiry_fallback = empty`).
    var aftermath: String?

    init(step: SyncStep, failure: any SyncStepFailure) {
        self.step = step
        self.failure = failure
    }

    /// The failure's reason, for metrics.
    var reason: String { failure.reason }

    var description: String { "\(step.rawValue): \(failure)" + (aftermath.map { "; \($0)" } ?? "") }
}
