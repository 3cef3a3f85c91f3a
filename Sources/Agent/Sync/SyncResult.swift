import PolicyDeploy
import ReleaseTrust

/// What a sync that did not fail did.
struct SyncResult: Sendable {
    enum Outcome: Sendable {
        /// The release's table is now live.
        case deployed(reloaded: Bool)
        /// The live map already was this table: nothing touched.
        case unchanged
        /// `--dry-run`: nothing touched; this is what a sync would change.
        case wouldChange(TableDiff)
    }

    var outcome: Outcome
    var release: VerifiedRelease
    var entries: Int
    var map: String
    /// What the deploy installed (or found in place); nil for a dry run.
    var deployedMap: DeployedMap? = nil
    /// The digest of the inputs the table was rendered from (see ``SyncRunner``).
    var inputs: String? = nil

    /// The metrics label of the outcome.
    var reason: String {
        switch outcome {
        case .deployed: "deployed"
        case .unchanged: "unchanged"
        case .wouldChange: "dry-run"
        }
    }
}
