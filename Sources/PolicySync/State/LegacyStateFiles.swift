import Foundation
import PolicyDeploy
import PolicyGit
import ReleaseTrust

/// The state files of agents before the single state file (format 1): `state.json`
/// (deployed map and last run), `release.json` (deployed release and counters) and
/// `tags.ledger` (every tag ever *seen*, verified or not).
///
/// Read once and turned into an ``AgentState``. Of the old ledger only the deployed
/// release is kept, because it alone is known to have passed verification: the old
/// ledger also recorded tags that failed, which is exactly what made a replaced bad
/// tag block its genuine release for good.
struct LegacyStateFiles {
    var directory: String

    var statePath: String { directory + "/state.json" }
    var recordPath: String { directory + "/release.json" }
    var ledgerPath: String { directory + "/tags.ledger" }

    /// The files this migration reads and, once the new state is saved, removes.
    var leftovers: [String] { [recordPath, ledgerPath] }

    /// Format 1's `state.json`.
    private struct OldState: Decodable {
        var tag: String?
        var commit: String?
        var deployed: DeployedMap?
        var deployedAt: Date?
        var lastRunAt: Date?
        var lastOutcome: String?
        var lastError: String?
    }

    /// Format 1's `release.json`.
    private struct OldRecord: Decodable {
        struct Release: Decodable {
            var tag: String
            var tagObject: String
            var commit: String
            var signer: String
            var taggerDate: Date
            var expires: Date
        }

        var release: Release?
        var inputs: String?
        var lastSuccessAt: Date?
        var outcomes: [String: Int]?
        var stepOutcomes: [String: Int]?
    }

    /// The state the old files describe. `stateBytes` is `state.json`, already read.
    func migrate(stateBytes: [UInt8]?, decoder: JSONDecoder) throws(StateError) -> AgentState {
        var state = AgentState()
        let old: OldState? = try stateBytes.map { bytes throws(StateError) in
            do {
                return try decoder.decode(OldState.self, from: Data(bytes))
            } catch {
                throw .unreadable(path: statePath, reason: "\(error)")
            }
        }
        var record: OldRecord?
        if let bytes = FileManager.default.contents(atPath: recordPath) {
            do {
                record = try decoder.decode(OldRecord.self, from: bytes)
            } catch {
                throw .unreadable(path: recordPath, reason: "\(error)")
            }
        }
        state.deployedMap = old?.deployed
        state.deployedAt = old?.deployedAt
        if let release = record?.release {
            let kept = ReleaseRecord(tag: release.tag, tagObject: release.tagObject, commit: release.commit,
                                     version: ReleaseVersion(tagName: release.tag)?.description, signer: release.signer, taggerDate: release.taggerDate,
                                     expires: release.expires)
            // Format 1 cleared the state's tag when the expiry fallback emptied the map,
            // but kept the record: then the release is the rollback floor, not live.
            if old?.tag == release.tag {
                state.deployedRelease = kept
                state.inputs = record?.inputs
            }
            state.rollbackFloor = kept
            if let id = GitObjectID(hex: release.tagObject) {
                state.verifiedTags = .init(entries: [release.tag: id])
            }
        }
        if let at = old?.lastRunAt {
            let outcome = old?.lastOutcome.flatMap(RunRecord.Outcome.init(rawValue:)) ?? .failed
            state.lastRun = RunRecord(at: at, outcome: outcome, reason: outcome.rawValue, tag: old?.tag,
                                      error: old?.lastError)
        }
        state.lastSuccessAt = record?.lastSuccessAt
        state.outcomes = record?.outcomes ?? [:]
        state.stepOutcomes = record?.stepOutcomes ?? [:]
        return state
    }
}
