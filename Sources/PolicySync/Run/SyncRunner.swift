import Foundation
import Logging
import PolicyDeploy
import PolicyGit
import ReleaseTrust
import TLSPolicy

/// One sync: fetch, select, verify, read, merge, render, validate, deploy, record, under
/// the run lock. Each step is its own type with its own typed error; this loop runs them
/// in order, counts each step's outcome, and on any failure records it and stops with
/// the live map untouched.
///
/// Whatever the steps do, every run also judges the freshness of what is *deployed*: a
/// deployed release past its own expiry, with no newer valid release to replace it,
/// fails every run loudly (`expiry_fallback = keep`) or is replaced by the empty map
/// (`empty`). An attacker who blocks the fetch cannot freeze a host on an old release
/// unnoticed, and a still-valid deployed release is never emptied because some other
/// tag expired.
///
/// The state is read once and written once per run (never by a dry run), and records
/// only what was verified or deployed.
public struct SyncRunner: Sendable {
    public var context: SyncContext
    /// Seconds to wait for another run to release the lock.
    public var lockTimeout: Double
    /// Stop before deploying and report what would change; record nothing.
    public var dryRun: Bool

    public init(context: SyncContext, lockTimeout: Double = 10, dryRun: Bool = false) {
        self.context = context
        self.lockTimeout = lockTimeout
        self.dryRun = dryRun
    }

    public func run() async throws(SyncFailure) -> SyncResult {
        var counters = SyncCounters()
        let store = context.stateStore
        let lock = try await step(.lock, &counters) { () throws(StateStepError) -> RunLock in
            do throws(StateError) {
                return try store.lock(timeout: lockTimeout)
            } catch {
                throw StateStepError(error: error)
            }
        }
        defer { withExtendedLifetime(lock) {} }
        var state: AgentState
        do {
            state = try store.load()
        } catch {
            throw SyncFailure(step: .record, failure: StateStepError(error: error))
        }

        var progress = Progress()
        do {
            let result = try await perform(state: state, progress: &progress, counters: &counters)
            if !dryRun {
                await watchDeliveries(&state)
                try finish(result: result, state: &state, counters: &counters)
            }
            return result
        } catch {
            var failure = error
            failure.tag = failure.tag ?? progress.selected
            if !dryRun {
                await watchDeliveries(&state)
                await fail(&failure, state: &state, verified: progress.verified, counters: &counters)
            } else if let expiry = expiredDeployment(state) {
                failure.aftermath.append(expiry.message)
            }
            throw failure
        }
    }

    /// The delivery watch, on every recorded run (deployed, unchanged or failed): its
    /// counts are written with the run's state. It never throws: a log that cannot be read
    /// is the watch's to report, never a reason to hold back the map.
    private func watchDeliveries(_ state: inout AgentState) async {
        guard context.configuration.mailLog != .off || state.deliveryWatch != nil else { return }
        var watch = state.deliveryWatch ?? DeliveryWatchState()
        await DeliveryWatch(context: context).run(&watch, now: Date())
        state.deliveryWatch = watch
    }

    /// What the steps got to before a failure: the failure is recorded with it.
    private struct Progress {
        var selected: String?
        var verified: VerifiedRelease?
    }

    /// The steps up to the deploy.
    private func perform(state: AgentState, progress: inout Progress,
                         counters: inout SyncCounters) async throws(SyncFailure) -> SyncResult {
        let ledger = state.verifiedTags
        let fetched = try await step(.fetch, &counters) { () throws(FetchError) in
            try FetchStep(context: context).run(verified: ledger)
        }
        let tag = try await step(.select, &counters) { () throws(SelectError) in
            try SelectStep(context: context).run(advertised: fetched.advertised, floor: state.rollbackFloor)
        }
        progress.selected = tag.name
        let release = try await step(.verify, &counters) { () async throws(VerifyError) in
            try await VerifyStep(context: context).run(tag: tag, fetched: fetched, floor: state.rollbackFloor)
        }
        progress.verified = release
        let host = try await hostFacts(&counters)
        let overrides = try readOverrides(&counters)
        let inputs = try inputsDigest(release: release, host: host, overrides: overrides)
        // Held lines are retried on every sync, so a run with held lines is never a no-op.
        if !dryRun, state.canary?.held.isEmpty ?? true, let unchanged = try await unchangedShortcut(release: release, inputs: inputs, state: state,
                                                                counters: &counters) {
            return unchanged
        }
        let files = try await step(.read, &counters) { () throws(ReadError) in
            try ReadStep(context: context).run(release: release, cache: fetched.cache)
        }
        let merged = try await step(.merge, &counters) { () throws(MergeStepError) in
            try MergeStep(context: context).run(release: files, overrides: overrides, host: host)
        }
        let table = try await step(.render, &counters) { () throws(RenderError) in
            try RenderStep(context: context).run(merged: merged, commit: release.commitID.hex, host: host)
        }
        try await step(.validate, &counters) { () throws(ValidateError) in
            try ValidateStep(context: context).run(table: table, tag: release.tagName, host: host)
        }
        let map = context.configuration.map
        if dryRun {
            let live = map.readSource() ?? []
            return SyncResult(outcome: .wouldChange(TableDiff(old: live, new: table.bytes)), release: release,
                              entries: merged.count, map: map.description)
        }
        let judged = try await canary(table: table.bytes, host: host, tag: release.tagName, counters: &counters)
        let deployment = try await step(.deploy, &counters) { () async throws(DeployStepError) in
            try await DeployStep(context: context).run(table: judged.table, previous: state.deployedMap)
        }
        if deployment.outcome == .unchanged {
            counters.markNoop(.deploy)
        }
        let outcome: SyncResult.Outcome = deployment.outcome == .unchanged
            ? .unchanged : .deployed(reloaded: deployment.reloaded)
        return SyncResult(outcome: outcome, release: release, entries: deployment.map.entryCount, map: map.description,
                          deployedMap: deployment.map, inputs: inputs, canaryJudged: true, canary: judged.record)
    }

    /// The host canary (setting `canary`): the release's new and strengthened lines, against
    /// the live map's source, probed from this host; with `hold`, the table to deploy keeps
    /// each line that would defer out (new key) or at its live value (changed key).
    private func canary(table: [UInt8], host: PostfixHostFacts, tag: String,
                        counters: inout SyncCounters) async throws(SyncFailure) -> (table: [UInt8], record: CanaryRecord?) {
        let mode = context.configuration.canary
        var candidates: [CanaryCandidate] = []
        if mode != .off {
            let live = context.configuration.map.readSource() ?? []
            candidates = CanaryCandidate.select(live: TableDiff.entries(live), rendered: TableDiff.entries(table))
        }
        guard !candidates.isEmpty else {
            counters.count(.canary, .noop)
            return (table, nil)
        }
        let verdicts = try await step(.canary, &counters) { () async throws(CanaryError) in
            try await CanaryStep(context: context).run(candidates, host: host)
        }
        let decision = CanaryDecision(mode: mode, candidates: candidates, verdicts: verdicts, tag: tag, now: context.now)
        for finding in decision.held {
            context.logger.warning("canary: holding a line that would defer mail from this host", metadata: [
                "key": "\(finding.key)", "line": "\(finding.line)", "live": "\(finding.liveLine ?? "none")",
                "reason": "\(finding.reason)", "type": "\(finding.resultType)", "tag": "\(tag)",
            ])
        }
        for finding in decision.reported {
            context.logger.warning("canary: deploying a line that would defer mail from this host (canary = report)", metadata: [
                "key": "\(finding.key)", "line": "\(finding.line)", "reason": "\(finding.reason)",
                "type": "\(finding.resultType)", "tag": "\(tag)",
            ])
        }
        if !decision.unverified.isEmpty {
            context.logger.notice("canary: lines deployed unverified (no MX host answered, or canary_timeout passed)",
                                  metadata: ["keys": "\(decision.unverified.map(\.key).joined(separator: ","))"])
        }
        context.logger.info("canary", metadata: ["probed": "\(candidates.count)", "held": "\(decision.held.count)",
                                                 "reported": "\(decision.reported.count)", "mode": "\(mode.rawValue)"])
        return (decision.apply(to: table), decision.record)
    }

    /// A digest of everything the rendered table depends on besides the code: the signed
    /// tag object (which fixes the commit and tree), the overrides, the host's Postfix
    /// version and DNSSEC level, the DANE mode and the agent's version.
    private func inputsDigest(release: VerifiedRelease, host: PostfixHostFacts,
                              overrides: LintSource?) throws(SyncFailure) -> String {
        var text = "\(AgentVersion.current)\n\(release.tagObjectID.hex)\n\(host.version)\n\(host.dnsSupportLevel)\n"
        text += "\(context.configuration.daneMode.rawValue)\n"
        let bytes = Array(text.utf8) + (overrides?.bytes ?? [])
        do {
            return try SHA256Digest.hex(of: bytes)
        } catch {
            throw SyncFailure(step: .render, failure: DeployStepError(error: error))
        }
    }

    /// The cheap no-op: when the verified release and every other input are those of the
    /// live map, and the live source still hashes to what was deployed, the table would
    /// render to those same bytes, so read, merge, render and validate are skipped and the
    /// deployer only confirms the map is in place (no postmap, no reload). The release is
    /// still fetched and verified on every run, so expiry and key validity are judged now.
    private func unchangedShortcut(release: VerifiedRelease, inputs: String, state: AgentState,
                                   counters: inout SyncCounters) async throws(SyncFailure) -> SyncResult? {
        let map = context.configuration.map
        guard state.deployedRelease?.tagObject == release.tagObjectID.hex, state.inputs == inputs,
              let previous = state.deployedMap, previous.map == map.description else { return nil }
        if DeployStep(context: context).isInPlace(previous) {
            // Not one file rewritten since the deploy that recorded them: nothing to read.
            counters.count(.deploy, .noop)
            return unchanged(release: release, map: previous, inputs: inputs, counters: &counters)
        }
        guard let live = map.readSource(),
              (try? SHA256Digest.hex(of: live)) == previous.contentHash else { return nil }
        let deployment = try await step(.deploy, &counters) { () async throws(DeployStepError) in
            try await DeployStep(context: context).run(table: live, previous: previous)
        }
        guard deployment.outcome == .unchanged else {
            // The live files changed under us and were rebuilt from the live source, which
            // is still the deployed table: the map is right, but say so.
            context.logger.notice("the live map's indexed file was rebuilt from its unchanged source")
            return SyncResult(outcome: .deployed(reloaded: deployment.reloaded), release: release,
                              entries: deployment.map.entryCount, map: map.description, deployedMap: deployment.map,
                              inputs: inputs)
        }
        counters.markNoop(.deploy)
        return unchanged(release: release, map: deployment.map, inputs: inputs, counters: &counters)
    }

    /// The no-op's result, with the steps it skipped counted as no-ops.
    private func unchanged(release: VerifiedRelease, map: DeployedMap, inputs: String,
                           counters: inout SyncCounters) -> SyncResult {
        for step in [SyncStep.read, .merge, .render, .validate, .canary] { counters.count(step, .noop) }
        return SyncResult(outcome: .unchanged, release: release, entries: map.entryCount,
                          map: context.configuration.map.description, deployedMap: map, inputs: inputs)
    }

    /// The overrides file, read once for both the inputs digest and the merge.
    private func readOverrides(_ counters: inout SyncCounters) throws(SyncFailure) -> LintSource? {
        do {
            return try MergeStep(context: context).readOverrides()
        } catch {
            counters.count(.merge, .error)
            throw SyncFailure(step: .merge, failure: error)
        }
    }

    private func hostFacts(_ counters: inout SyncCounters) async throws(SyncFailure) -> PostfixHostFacts {
        let started = ContinuousClock.now
        do {
            defer { logDuration("postconf", since: started) }
            return try await PostfixHostFacts.read(context.tools)
        } catch {
            counters.count(.merge, .error)
            throw SyncFailure(step: .merge, failure: MergeStepError.postfix(error))
        }
    }

    /// Records a successful run, in one write of the state file.
    private func finish(result: SyncResult, state: inout AgentState,
                        counters: inout SyncCounters) throws(SyncFailure) {
        let now = Date()
        let release = ReleaseRecord(result.release, now: context.now)
        state.verifiedTags.recordVerified(result.release)
        state.recordLive(release)
        if case .deployed = result.outcome {
            state.deployedAt = now
        }
        state.deployedMap = result.deployedMap ?? state.deployedMap
        state.inputs = result.inputs
        if result.canaryJudged {
            state.canary = result.canary
        }
        state.lastRun = RunRecord(at: now, outcome: result.reason == "deployed" ? .deployed : .unchanged,
                                  reason: result.reason, tag: release.tag)
        state.lastSuccessAt = now
        counters.count(.record, .success)
        counters.add(to: &state, outcome: result.reason)
        let started = ContinuousClock.now
        do {
            try save(state)
        } catch {
            throw SyncFailure(step: .record, failure: error, tag: release.tag)
        }
        logDuration(SyncStep.record.rawValue, since: started)
        context.logger.info("recorded", metadata: ["tag": "\(release.tag)", "outcome": "\(result.reason)"])
    }

    /// The deployed release when its effective expiry (its signed `Expires:`, or
    /// `max_release_age` after its tagger date, whichever comes first) has passed.
    private func expiredDeployment(_ state: AgentState) -> DeployedExpiry? {
        guard let release = state.deployedRelease else { return nil }
        let expiry = DeployedExpiry(release: release, maxReleaseAge: context.configuration.maxReleaseAge)
        return expiry.at <= context.now ? expiry : nil
    }

    /// Records a failed run, in one write of the state file. First judges the deployed
    /// release's own freshness: expired with `expiry_fallback = empty`, the empty map
    /// is installed (and only then); expired with `keep`, the failure says so.
    private func fail(_ failure: inout SyncFailure, state: inout AgentState, verified: VerifiedRelease?,
                      counters: inout SyncCounters) async {
        if let verified {
            // It passed verification; a later step failed. A verified release is worth
            // remembering: its name must never point elsewhere.
            state.verifiedTags.recordVerified(verified)
        }
        if let expiry = expiredDeployment(state) {
            failure.aftermath.append(expiry.message)
            switch context.configuration.expiryFallback {
            case .keep:
                context.logger.critical("the deployed release has expired; keeping its map (expiry_fallback = keep)",
                                        metadata: ["tag": "\(expiry.release.tag)"])
            case .empty:
                await installEmptyMap(for: expiry, failure: &failure, state: &state, counters: &counters)
            }
        } else if let fallback = state.expiryFallback {
            failure.aftermath.append("the empty map of expiry_fallback = empty is live since "
                + "\(ReleaseExpiry.format(fallback.installedAt)) (release \(fallback.expiredTag) expired)")
        }
        let now = Date()
        state.lastRun = RunRecord(at: now, outcome: .failed, reason: failure.reason, tag: failure.tag,
                                  error: failure.description)
        counters.add(to: &state, outcome: failure.reason)
        do {
            try save(state)
        } catch {
            context.logger.error("cannot record the failure", metadata: ["error": "\(error)"])
        }
    }

    /// `expiry_fallback = empty`: no release vouches for the deployed table any more, so
    /// every destination falls back to the host's default TLS level. The rollback floor
    /// stays: after this, only a release at least as new as the expired one is accepted.
    private func installEmptyMap(for expiry: DeployedExpiry, failure: inout SyncFailure, state: inout AgentState,
                                 counters: inout SyncCounters) async {
        let tag = expiry.release.tag
        context.logger.critical("the deployed release has expired: installing an empty map (expiry_fallback = empty)",
                                metadata: ["tag": "\(tag)"])
        do {
            let result = try await DeployStep(context: context).run(table: RenderStep.emptyTable(expiredTag: tag),
                                                                    previous: state.deployedMap)
            counters.count(.deploy, .success)
            let now = Date()
            state.deployedMap = result.map
            state.deployedAt = now
            state.deployedRelease = nil
            state.inputs = nil
            state.expiryFallback = ExpiryFallbackRecord(expiredTag: tag, expiredAt: expiry.at, installedAt: now)
            failure.aftermath.append("installed an empty map (expiry_fallback = empty)")
        } catch {
            counters.count(.deploy, .error)
            failure.aftermath.append("installing the empty map failed too: \(error)")
        }
    }

    /// One write: the state file, then the metrics file that is derived from it.
    private func save(_ state: AgentState) throws(StateStepError) {
        do {
            try context.stateStore.save(state)
        } catch {
            throw StateStepError(error: error)
        }
        if let path = context.configuration.metricsFile {
            do {
                try MetricsFile(path: path).write(state: state, configuration: context.configuration, now: Date())
            } catch {
                throw StateStepError(error: .unwritable(path: path, reason: error.description))
            }
        }
    }

    /// Runs one step, logging and counting its outcome; its error becomes a ``SyncFailure``.
    private func step<Value, Failure: SyncStepFailure>(
        _ step: SyncStep, _ counters: inout SyncCounters, _ body: () async throws(Failure) -> Value
    ) async throws(SyncFailure) -> Value {
        let started = ContinuousClock.now
        do {
            let value = try await body()
            counters.count(step, .success)
            logDuration(step.rawValue, since: started)
            return value
        } catch {
            counters.count(step, .error)
            context.logger.error("\(step.rawValue) failed", metadata: ["reason": "\(error.reason)"])
            throw SyncFailure(step: step, failure: error)
        }
    }

    /// Each step's time at debug level: where a slow sync spends it, without a profiler.
    private func logDuration(_ step: String, since started: ContinuousClock.Instant) {
        let elapsed = started.duration(to: .now)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.debug("step finished", metadata: ["step": "\(step)", "ms": "\(Int(milliseconds))"])
    }
}
