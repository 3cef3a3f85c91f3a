import Foundation
import PolicyDeploy
import ReleaseTrust

/// Everything the agent remembers between runs, in one file written atomically once per
/// run (`state.json` in the state directory).
///
/// It records only what was verified or deployed: the release whose table is live, the
/// newest release ever deployed (the rollback floor), the verified-release ledger, the
/// live map's identity, and how the last run ended. Nothing a remote merely advertised is
/// kept, so a bad tag that is later fixed upstream leaves no trace that could block the
/// genuine release.
public struct AgentState: Sendable, Codable, Equatable {
    /// The format written by this version; older files are migrated on read.
    public static let currentFormat = 2

    /// The file format (``currentFormat``).
    public var format: Int = AgentState.currentFormat
    /// The release whose table is live; nil before the first deploy, after a table was
    /// installed by hand (`deploy`), and while the expiry fallback's empty map is live.
    public var deployedRelease: ReleaseRecord?
    /// The newest release this host ever deployed. Nothing older is accepted, even after
    /// the expiry fallback emptied the map (that is when an attacker would replay one).
    public var rollbackFloor: ReleaseRecord?
    /// Set while the empty map of `expiry_fallback = empty` is live.
    public var expiryFallback: ExpiryFallbackRecord?
    /// The live map as installed; nil before the first deploy.
    public var deployedMap: DeployedMap?
    /// When the live map was installed.
    public var deployedAt: Date?
    /// Digest of everything the live table was rendered from (see ``SyncRunner``).
    public var inputs: String?
    /// Release tags that passed verification here, with the object that passed.
    public var verifiedTags = TagLedger()
    /// How the last run ended.
    public var lastRun: RunRecord?
    /// When a run last ended with a verified release's map live (deployed or unchanged).
    public var lastSuccessAt: Date?
    /// Run outcomes by reason (`deployed`, `unchanged`, `rollback`, ...), since the first run:
    /// a Prometheus counter must survive restarts.
    public var outcomes: [String: Int] = [:]
    /// Step outcomes, keyed `step/outcome`.
    public var stepOutcomes: [String: Int] = [:]
    /// The host canary's findings: lines held back or reported (see ``CanaryRecord``).
    public var canary: CanaryRecord?
    /// The delivery watch's read position and per-key counts; nil until it first ran
    /// (absent from files written before it existed, so the format did not change).
    public var deliveryWatch: DeliveryWatchState?

    /// An empty state (first run).
    public init() {}

    /// Records a release that is now live (deployed, or found in place).
    mutating func recordLive(_ release: ReleaseRecord) {
        deployedRelease = release
        expiryFallback = nil
        if let floor = rollbackFloor, release.asDeployed.isOlder(than: floor.asDeployed) {
            return
        }
        rollbackFloor = release
    }
}
