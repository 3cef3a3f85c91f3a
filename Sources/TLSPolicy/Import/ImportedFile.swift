/// One dataset file an import produces: its name inside the dataset directory and
/// its complete, canonical text.
public struct ImportedFile: Sendable, Equatable {
    /// `<slug>.policy`.
    public var name: String
    public var provider: Provider
    /// The file's canonical text (what `CanonicalFormatter` writes), ending in a newline.
    public var text: String
    public var entryCount: Int
    /// Entries marked `#@ dane`.
    public var daneMarkCount: Int

    public init(name: String, provider: Provider, text: String, entryCount: Int, daneMarkCount: Int) {
        self.name = name
        self.provider = provider
        self.text = text
        self.entryCount = entryCount
        self.daneMarkCount = daneMarkCount
    }
}
