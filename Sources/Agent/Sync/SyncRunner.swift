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
struct SyncRunner {
    var context: SyncContext
    /// Seconds to wait for another run to release the lock.
    var lockTimeout: Double
    /// Stop before deploying and report what would change; record nothing.
    var dryRun: Bool

    func run() async throws(SyncFailure) -> SyncResult {
        var counters = SyncCounters()
        let lock: RunLock = try await step(.lock, &counters) { () throws(DeployStepError) -> RunLock in
            do throws(DeployError) {
                return try context.stateStore.lock(timeout: lockTimeout)
            } catch {
                throw DeployStepError(error: error)
            }
        }
        defer { withExtendedLifetime(lock) {} }

        var record = AgentRecord()
        var state = DeploymentState()
        do {
            record = try AgentRecord.load(path: context.recordPath)
            state = try context.stateStore.load()
        } catch let error as RecordError {
            throw SyncFailure(step: .record, failure: error)
        } catch let error as DeployError {
            throw SyncFailure(step: .record, failure: RecordError.state(error))
        } catch {
            throw SyncFailure(step: .record, failure: RecordError.unreadable(path: context.recordPath, reason: "\(error)"))
        }

        do {
            let result = try await perform(state: state, record: record, counters: &counters)
            if !dryRun {
                try finish(result: result, state: &state, record: &record, counters: &counters)
            }
            return result
        } catch {
            var failure = error
            if !dryRun {
                failure.aftermath = await fail(error, state: &state, record: &record, counters: &counters)
            }
            throw failure
        }
    }

    /// The steps up to the deploy.
    private func perform(state: DeploymentState, record: AgentRecord,
                         counters: inout SyncCounters) async throws(SyncFailure) -> SyncResult {
        let fetched = try await step(.fetch, &counters) { () throws(FetchError) in try FetchStep(context: context).run() }
        let tag = try await step(.select, &counters) { () throws(SelectError) in
            try SelectStep(context: context).run(tags: fetched.tags)
        }
        let deployed = record.release.map { DeployedRelease(tagName: $0.tag, taggerDate: $0.taggerDate) }
        let release = try await step(.verify, &counters) { () async throws(VerifyError) in
            try await VerifyStep(context: context).run(tag: tag, cache: fetched.cache, deployed: deployed)
        }
        let host = try await hostFacts(&counters)
        let overrides = try readOverrides(&counters)
        let inputs = try inputsDigest(release: release, host: host, overrides: overrides)
        if !dryRun, let unchanged = try await unchangedShortcut(release: release, inputs: inputs, state: state,
                                                                record: record, counters: &counters) {
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
            let live = FileManager.default.contents(atPath: map.path).map { [UInt8]($0) } ?? []
            return SyncResult(outcome: .wouldChange(TableDiff(old: live, new: table)), release: release,
                              entries: merged.entries.count, map: map.description)
        }
        let deployment = try await step(.deploy, &counters) { () async throws(DeployStepError) in
            try await DeployStep(context: context).run(table: table, previous: state.deployed)
        }
        if deployment.outcome == .unchanged {
            counters.markNoop(.deploy)
        }
        let outcome: SyncResult.Outcome = deployment.outcome == .unchanged
            ? .unchanged : .deployed(reloaded: deployment.reloaded)
        return SyncResult(outcome: outcome, release: release, entries: deployment.map.entryCount, map: map.description,
                          deployedMap: deployment.map, inputs: inputs)
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
    private func unchangedShortcut(release: VerifiedRelease, inputs: String, state: DeploymentState, record: AgentRecord,
                                   counters: inout SyncCounters) async throws(SyncFailure) -> SyncResult? {
        let map = context.configuration.map
        guard record.release?.tagObject == release.tagObjectID.hex, record.inputs == inputs,
              let previous = state.deployed, previous.map == map.description,
              let live = FileManager.default.contents(atPath: map.path).map({ [UInt8]($0) }),
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
        for step in [SyncStep.read, .merge, .render, .validate] { counters.count(step, .noop) }
        return SyncResult(outcome: .unchanged, release: release, entries: deployment.map.entryCount, map: map.description,
                          deployedMap: deployment.map, inputs: inputs)
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
        do {
            return try await PostfixHostFacts.read(context.tools)
        } catch {
            counters.count(.merge, .error)
            throw SyncFailure(step: .merge, failure: MergeStepError.postfix(error))
        }
    }

    /// Records a successful run: state file, agent record, metrics.
    private func finish(result: SyncResult, state: inout DeploymentState, record: inout AgentRecord,
                        counters: inout SyncCounters) throws(SyncFailure) {
        let now = Date()
        let release = result.release
        state.lastRunAt = now
        state.lastError = nil
        state.tag = release.tagName
        state.commit = release.commitID.hex
        switch result.outcome {
        case .deployed:
            state.deployed = result.deployedMap
            state.deployedAt = now
            state.lastOutcome = .deployed
        case .unchanged, .wouldChange:
            state.lastOutcome = .unchanged
        }
        record.release = AgentRecord.Release(
            tag: release.tagName, tagObject: release.tagObjectID.hex, commit: release.commitID.hex,
            signer: release.signer.description, taggerDate: release.taggerDate, expires: release.expires,
            entries: result.entries)
        record.lastSuccessAt = now
        record.inputs = result.inputs
        counters.count(.record, .success)
        counters.add(to: &record, outcome: result.reason)
        do {
            try save(state: state, record: record)
        } catch {
            throw SyncFailure(step: .record, failure: error)
        }
        context.logger.info("recorded", metadata: ["tag": "\(release.tagName)", "outcome": "\(result.reason)"])
    }

    /// Records a failed run; with `expiry_fallback = empty` and an expired release, first
    /// installs the empty map. Failures to record are logged: the sync's own error is the
    /// one to report.
    ///
    /// - Returns: what was done about the failure, if anything.
    private func fail(_ failure: SyncFailure, state: inout DeploymentState, record: inout AgentRecord,
                      counters: inout SyncCounters) async -> String? {
        var aftermath: String?
        if let verify = failure.failure as? VerifyError, verify.isExpiry, context.configuration.expiryFallback == .empty {
            let tag: String = switch verify {
            case .refused(.expired(let tag, _, _)), .tooOld(let tag, _, _): tag
            default: "release"
            }
            context.logger.critical("release expired: installing an empty map (expiry_fallback = empty)",
                                    metadata: ["tag": "\(tag)"])
            do {
                let result = try await DeployStep(context: context).run(table: RenderStep.emptyTable(expiredTag: tag),
                                                                        previous: state.deployed)
                counters.count(.deploy, .success)
                state.deployed = result.map
                state.deployedAt = Date()
                state.tag = nil
                state.commit = nil
                record.release = nil
                aftermath = "installed an empty map (expiry_fallback = empty)"
            } catch {
                counters.count(.deploy, .error)
                aftermath = "installing the empty map failed too: \(error)"
            }
        }
        state.lastRunAt = Date()
        state.lastOutcome = .failed
        state.lastError = failure.description + (aftermath.map { "; \($0)" } ?? "")
        counters.add(to: &record, outcome: failure.reason)
        do {
            try save(state: state, record: record)
        } catch {
            context.logger.error("cannot record the failure", metadata: ["error": "\(error)"])
        }
        return aftermath
    }

    private func save(state: DeploymentState, record: AgentRecord) throws(RecordError) {
        do {
            try context.stateStore.save(state)
        } catch {
            throw .state(error)
        }
        try record.save(path: context.recordPath)
        if let path = context.configuration.metricsFile {
            do {
                try MetricsFile(path: path).write(state: state, record: record)
            } catch {
                throw .unwritable(path: path, reason: error.description)
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
            logDuration(step, since: started)
            return value
        } catch {
            counters.count(step, .error)
            context.logger.error("\(step.rawValue) failed", metadata: ["reason": "\(error.reason)"])
            throw SyncFailure(step: step, failure: error)
        }
    }

    /// Each step's time at debug level: where a slow sync spends it, without a profiler.
    private func logDuration(_ step: SyncStep, since started: ContinuousClock.Instant) {
        let elapsed = started.duration(to: .now)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.debug("step finished", metadata: ["step": "\(step.rawValue)", "ms": "\(Int(milliseconds))"])
    }
}
