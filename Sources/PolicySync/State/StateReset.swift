/// What an operator may reset in the agent's state, with `tls-policy-agent forget`: a
/// verified release the maintainers re-published on purpose (its tag now names another
/// object), or the rollback floor after the maintainers withdrew the newest release for
/// good. Nothing else ever needs resetting: the agent recovers from bad tags by itself.
public struct StateReset: Sendable {
    public var store: AgentStateStore
    /// Seconds to wait for a running sync to finish.
    public var lockTimeout: Double

    public init(store: AgentStateStore, lockTimeout: Double = 10) {
        self.store = store
        self.lockTimeout = lockTimeout
    }

    /// What a reset did.
    public struct Outcome: Sendable, Equatable {
        /// Tags removed from the verified-release ledger.
        public var forgottenTags: [String]
        /// Tags asked for that the ledger did not hold.
        public var unknownTags: [String]
        /// The rollback floor that was cleared, if any.
        public var clearedRollbackFloor: String?
    }

    /// Forgets `tags` from the verified-release ledger and, when asked, the rollback
    /// floor; writes the state once, under the run lock.
    public func forget(tags: [String], rollbackFloor: Bool) throws(StateError) -> Outcome {
        let lock = try store.lock(timeout: lockTimeout)
        defer { withExtendedLifetime(lock) {} }
        var state = try store.load()
        var outcome = Outcome(forgottenTags: [], unknownTags: [], clearedRollbackFloor: nil)
        for tag in tags {
            if state.verifiedTags.forget(tag) {
                outcome.forgottenTags.append(tag)
            } else {
                outcome.unknownTags.append(tag)
            }
        }
        if rollbackFloor, let floor = state.rollbackFloor {
            outcome.clearedRollbackFloor = floor.tag
            state.rollbackFloor = nil
        }
        try store.save(state)
        return outcome
    }
}
