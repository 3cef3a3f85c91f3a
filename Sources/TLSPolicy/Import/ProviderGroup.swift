/// The imported entries that go into one provider's dataset file.
public struct ProviderGroup: Sendable {
    public var provider: Provider
    /// Entries sorted by key, as the canonical file lists them.
    public var entries: [ImportedEntry]

    public init(provider: Provider, entries: [ImportedEntry]) {
        self.provider = provider
        self.entries = entries.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }
}
