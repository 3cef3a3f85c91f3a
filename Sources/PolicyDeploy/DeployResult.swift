/// What a deploy did.
public struct DeployResult: Sendable {
    /// The two successful outcomes.
    public enum Outcome: String, Sendable, Codable {
        /// The new map is live.
        case deployed
        /// The live map already had this content: nothing was touched.
        case unchanged
    }

    public var outcome: Outcome
    /// The live map now.
    public var map: DeployedMap
    /// Whether Postfix was reloaded (only when running and the map changed).
    public var reloaded: Bool

    public init(outcome: Outcome, map: DeployedMap, reloaded: Bool) {
        self.outcome = outcome
        self.map = map
        self.reloaded = reloaded
    }
}
