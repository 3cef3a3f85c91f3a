/// A replacement for an entry's line, and whether a probe confirmed it would deliver.
public struct SuggestedLine: Sendable, Hashable, Codable {
    /// The table line (`key level attr=value ...`).
    public var line: String
    /// Annotation comments to write directly above the line (`#@ dane`).
    public var annotations: [String]
    /// True when every reachable address passed a probe at exactly this line's settings.
    public var verified: Bool
    /// Why this line.
    public var why: String
}
