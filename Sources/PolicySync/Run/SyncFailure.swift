/// Why a sync stopped: the step that failed and its own error. The live map is as it
/// was before the run, except after ``SyncStep/deploy`` reports a reload failure, or
/// when ``aftermath`` says the expiry fallback installed the empty map.
public struct SyncFailure: Error, Sendable, CustomStringConvertible {
    /// The step that failed.
    public var step: SyncStep
    /// That step's error.
    public var failure: any SyncStepFailure
    /// The tag the run had selected when it failed, if it got that far.
    public var tag: String?
    /// What the agent did or found beyond the step's error: the deployed release has
    /// expired, the expiry fallback's empty map was installed or is live.
    public var aftermath: [String] = []

    init(step: SyncStep, failure: any SyncStepFailure, tag: String? = nil) {
        self.step = step
        self.failure = failure
        self.tag = tag ?? failure.tag
    }

    /// The failure's reason (`rollback`, `remote-unreachable`, ...), for metrics and scripts.
    public var reason: String { failure.reason }

    /// True when the release was refused rather than the host or network failing.
    public var isRefusal: Bool { failure.isRefusal }

    /// True when a local file could not be read or written (see ``SyncStepFailure``).
    public var isLocalIOError: Bool { failure.isLocalIOError }

    public var description: String {
        ([ "\(step.rawValue): \(failure)" ] + aftermath).joined(separator: "; ")
    }
}
