/// The outcome of each step of one run, added to the persisted counters when it ends.
struct SyncCounters: Sendable {
    private(set) var steps: [(step: SyncStep, outcome: SyncStep.Outcome)] = []

    mutating func count(_ step: SyncStep, _ outcome: SyncStep.Outcome) {
        steps.append((step, outcome))
    }

    /// Turns the last count of `step` into a no-op (a deploy that found the map in place).
    mutating func markNoop(_ step: SyncStep) {
        guard let index = steps.lastIndex(where: { $0.step == step }) else { return }
        steps[index].outcome = .noop
    }

    /// Adds this run's step outcomes and its overall outcome (`reason`) to `state`.
    func add(to state: inout AgentState, outcome reason: String) {
        for (step, outcome) in steps {
            state.stepOutcomes["\(step.rawValue)/\(outcome.rawValue)", default: 0] += 1
        }
        state.outcomes[reason, default: 0] += 1
    }
}
