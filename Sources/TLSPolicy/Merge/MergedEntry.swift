/// One entry of the merged table, and where it came from.
public struct MergedEntry: Sendable, Hashable {
    /// Where an entry was written.
    public enum Origin: Sendable, Hashable {
        /// From the release, unchanged.
        case shared(file: String, line: Int)
        /// From the host's overrides; `replacing` is true when it replaced a release entry.
        case override(file: String, line: Int, replacing: Bool)
    }

    public var entry: PolicyEntry
    /// Marks that change rendering (`#@ dane`).
    public var annotations: Set<EntryAnnotation>
    public var origin: Origin

    public init(entry: PolicyEntry, annotations: Set<EntryAnnotation>, origin: Origin) {
        self.entry = entry
        self.annotations = annotations
        self.origin = origin
    }

    /// The key as postmap stores it.
    public var key: String { entry.key.folded }
}
