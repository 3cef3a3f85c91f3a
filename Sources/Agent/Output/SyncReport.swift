import Foundation
import PolicySync

/// `sync --format json`: one JSON object on standard output, for scripts and monitoring.
/// Stable: fields are only ever added.
struct SyncReport: Encodable {
    /// `deployed`, `unchanged`, `would-change`, `refused` (the release was refused) or
    /// `failed` (the host or the network failed).
    var outcome: String
    /// The tag deployed, kept, or refused, when the run got that far.
    var tag: String?
    var commit: String?
    var map: String?
    var entries: Int?
    /// For `deployed`: whether Postfix was reloaded (it is not when it is not running).
    var reloaded: Bool?
    /// For `would-change`: how many entries would be added, removed, changed.
    var added: Int?
    var removed: Int?
    var changed: Int?
    /// For `refused` and `failed`: the step, the short reason (`rollback`, `unsigned`,
    /// `remote-unreachable`, ...), the message, and what the agent did about it.
    var step: String?
    var reason: String?
    var error: String?
    var aftermath: [String]?
    /// The keys the host canary holds back, and those it deployed and reported (`status`
    /// has the reasons).
    var canaryHeld: [String]?
    var canaryReported: [String]?

    init(_ result: SyncResult) {
        canaryHeld = result.canary.map { $0.held.map(\.key) }
        canaryReported = result.canary.map { $0.reported.map(\.key) }
        tag = result.release.tagName
        commit = result.release.commitID.hex
        map = result.map
        entries = result.entries
        switch result.outcome {
        case .deployed(let didReload):
            outcome = "deployed"
            reloaded = didReload
        case .unchanged:
            outcome = "unchanged"
        case .wouldChange(let diff):
            outcome = "would-change"
            added = diff.added.count
            removed = diff.removed.count
            changed = diff.changed.count
        }
    }

    init(_ failure: SyncFailure) {
        outcome = failure.isRefusal ? "refused" : "failed"
        tag = failure.tag
        step = failure.step.rawValue
        reason = failure.reason
        error = "\(failure.failure)"
        aftermath = failure.aftermath.isEmpty ? nil : failure.aftermath
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Plain strings, numbers and booleans cannot fail to encode.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
