/// When the current step must end: the earlier of the step's own bound and the session's
/// overall deadline, on a monotonic clock (a wall-clock jump cannot stretch a probe).
struct StepDeadline: Sendable {
    /// The step this bounds; a timeout names it.
    let step: ProbeStep
    /// The bound in seconds that applies (the step's own, or what was left of the overall one).
    let seconds: Double
    /// The instant the step runs out.
    let end: ContinuousClock.Instant

    /// The deadline for `step`, given its own bound and the session's overall end.
    init(step: ProbeStep, limit: Double, overallEnd: ContinuousClock.Instant) {
        let now = ContinuousClock.now
        let own = now.advanced(by: Self.duration(limit))
        self.step = step
        self.end = min(own, overallEnd)
        self.seconds = Self.seconds(end - now)
    }

    /// Milliseconds left, at least 0, at most `Int32.max`: the form `poll(2)` takes.
    var remainingMilliseconds: Int32 {
        let left = end - ContinuousClock.now
        let millis = Self.seconds(left) * 1_000
        if millis <= 0 { return 0 }
        return Int32(min(millis.rounded(.up), Double(Int32.max)))
    }

    /// The timeout failure for this step.
    var timeout: ProbeFailure { .timedOut(step: step, seconds: seconds) }

    /// `seconds` as a duration, clamped to [0, one year] so that no input (negative, NaN,
    /// infinite) can trap the conversion.
    static func duration(_ seconds: Double) -> Duration {
        guard seconds.isFinite, seconds > 0 else { return .zero }
        return .milliseconds(Int64((min(seconds, 31_536_000) * 1_000).rounded()))
    }

    /// `duration` in seconds.
    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
