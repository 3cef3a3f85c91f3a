import Foundation
import PolicyGit
import ReleaseTrust

/// `verify TAG`: the fetch and verify steps of a sync, for one named tag instead of the
/// pin's choice. Reads the state (for the verified-tag ledger) and writes nothing but the
/// Git cache: a check must not change what the next sync decides.
public struct ReleaseCheck: Sendable {
    public var context: SyncContext
    /// Seconds to wait for another run to release the lock (the cache is shared).
    public var lockTimeout: Double

    public init(context: SyncContext, lockTimeout: Double = 10) {
        self.context = context
        self.lockTimeout = lockTimeout
    }

    /// Verifies the tag `name` as the remote offers it now.
    public func verify(_ name: String) async throws(SyncFailure) -> VerifiedRelease {
        let store = context.stateStore
        let lock: RunLock
        let state: AgentState
        do {
            lock = try store.lock(timeout: lockTimeout)
            state = try store.load()
        } catch {
            throw SyncFailure(step: .lock, failure: StateStepError(error: error))
        }
        defer { withExtendedLifetime(lock) {} }
        let fetched: FetchStep.Fetched
        do {
            // The tag asked about is guarded against moves even when the pin would not allow it.
            fetched = try FetchStep(context: context, guards: { $0 == name }).run(verified: state.verifiedTags)
        } catch {
            throw SyncFailure(step: .fetch, failure: error, tag: name)
        }
        guard let tag = fetched.advertised.first(where: { $0.name == name }) else {
            throw SyncFailure(step: .select, failure: SelectError.noRelease(pin: name, advertised: fetched.advertised.count,
                                                                          deployed: nil), tag: name)
        }
        do {
            return try await VerifyStep(context: context).run(tag: tag, fetched: fetched, floor: nil)
        } catch {
            throw SyncFailure(step: .verify, failure: error, tag: name)
        }
    }
}
