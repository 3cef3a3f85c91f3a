import Foundation
import Logging
import TLSPolicy

/// Step 5: the release's entries with this host's overrides applied (add, replace,
/// `#@ remove`), each release entry checked against the host's Postfix. Overrides that
/// weaken a release entry are applied and logged as warnings.
struct MergeStep {
    var context: SyncContext

    func run(release: [LintSource], overrides: LintSource?, host: PostfixHostFacts) throws(MergeStepError) -> MergedPolicy {
        let merged: MergedPolicy
        do {
            merged = try PolicyMerger(postfixVersion: host.version,
                                      host: PolicyValueParser.HostContext(dnssec: host.dnssec))
                .merge(shared: release, overrides: overrides)
        } catch {
            throw .merge(error)
        }
        for warning in merged.warnings {
            context.logger.warning("\(warning)")
        }
        context.logger.info("merged", metadata: [
            "entries": "\(merged.count)", "added": "\(merged.added.count)",
            "replaced": "\(merged.replaced.count)", "removed": "\(merged.removed.count)",
            "postfix": "\(host.version)",
        ])
        return merged
    }

    /// The host's overrides file, if it configures one. The runner reads it once per run:
    /// its bytes are part of the inputs digest as well as of the merge.
    func readOverrides() throws(MergeStepError) -> LintSource? {
        guard let path = context.configuration.overridesFile else { return nil }
        guard FileManager.default.fileExists(atPath: path) else {
            throw .overridesUnreadable(path: path, reason: "no such file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .overridesUnreadable(path: path, reason: "permission denied or not a file")
        }
        return LintSource(name: path, bytes: [UInt8](data))
    }
}
