import PolicyDeploy
import ReleaseTrust

/// What a sync that did not fail did.
public struct SyncResult: Sendable {
    public enum Outcome: Sendable {
        /// The release's table is now live.
        case deployed(reloaded: Bool)
        /// The live map already was this table: nothing touched.
        case unchanged
        /// `--dry-run`: nothing touched; this is what a sync would change.
        case wouldChange(TableDiff)
    }

    public var outcome: Outcome
    public var release: VerifiedRelease
    /// Entries in the table now live (or that would be).
    public var entries: Int
    /// The map, `TYPE:PATH`.
    public var map: String
    /// What the deploy installed (or found in place); nil for a dry run.
    var deployedMap: DeployedMap? = nil
    /// The digest of the inputs the table was rendered from (see ``SyncRunner``).
    var inputs: String? = nil
    /// True when this run judged the release's lines with the host canary (its
    /// ``canary`` replaces the recorded one); false on the no-op, which probes nothing.
    var canaryJudged = false
    /// What the host canary held back or reported in this run.
    public var canary: CanaryRecord? = nil

    /// The outcome's label: `deployed`, `unchanged` or `dry-run`.
    public var reason: String {
        switch outcome {
        case .deployed: "deployed"
        case .unchanged: "unchanged"
        case .wouldChange: "dry-run"
        }
    }
}
