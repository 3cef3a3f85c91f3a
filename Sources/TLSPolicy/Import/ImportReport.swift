/// The outcome of reading one source list: every entry it held is either kept
/// (ready for the dataset) or dropped with its reason, and what the conversion
/// changed or noticed is said in notes. Nothing is left out silently.
public struct ImportReport: Sendable {
    /// The list formats `import --from` reads.
    public enum Format: String, Sendable, CaseIterable {
        /// csware/postfix-tls-policy `tls_policy` (and its `tls_policy-dane` variant).
        case csware
        /// EFF STARTTLS Everywhere `policy.json`.
        case eff
    }

    /// An entry of the input that is not in the output, and why.
    public struct Dropped: Sendable, Equatable {
        /// The key as the list wrote it; `nil` for a line postmap would not store under any key.
        public var key: String?
        public var origin: ImportLocation
        public var reason: ImportDropReason
        /// The csware `-dane` variant lists the key as `dane-only`: a DANE domain is lost with it.
        public var daneOnlyInVariant: Bool

        public init(key: String?, origin: ImportLocation, reason: ImportDropReason, daneOnlyInVariant: Bool = false) {
            self.key = key
            self.origin = origin
            self.reason = reason
            self.daneOnlyInVariant = daneOnlyInVariant
        }

        /// `dropped KEY: reason`, the message the CLI prints after `FILE:LINE: `.
        public var message: String {
            var text = "dropped \(key ?? "(no key)"): \(reason)"
            if daneOnlyInVariant {
                text += " (the -dane variant lists it as dane-only; that DANE mark is lost with the entry)"
            }
            return text
        }
    }

    /// Something the reader should know that is neither a kept nor a dropped entry:
    /// a conversion that changed an entry's meaning, a disagreement between the two
    /// csware variants, the list's age.
    public struct Note: Sendable, Equatable {
        public var origin: ImportLocation
        public var key: String?
        public var message: String

        public init(origin: ImportLocation, key: String?, message: String) {
            self.origin = origin
            self.key = key
            self.message = message
        }
    }

    /// The format the list was read as.
    public var format: Format
    /// The list's name, with which `evidence` starts (`csware/postfix-tls-policy`): it tells
    /// files of an earlier import of the same list from files of other origins.
    public var listName: String
    /// The `# Evidence:` text for every file made from this list (list, file, date, license).
    public var evidence: String
    /// Extra header comment lines for every file made from this list, without the leading `# `.
    public var headerNotes: [String]
    /// Kept entries, in input order.
    public var kept: [ImportedEntry]
    /// Dropped entries, in input order.
    public var dropped: [Dropped]
    /// What the conversion changed or noticed, list-wide notes (no key) included.
    public var notes: [Note]

    public init(format: Format, listName: String, evidence: String, headerNotes: [String] = [], kept: [ImportedEntry] = [],
                dropped: [Dropped] = [], notes: [Note] = []) {
        self.format = format
        self.listName = listName
        self.evidence = evidence
        self.headerNotes = headerNotes
        self.kept = kept
        self.dropped = dropped
        self.notes = notes
    }

    /// Every entry the input held: each one is either kept or dropped.
    public var inputEntries: Int { kept.count + dropped.count }

    /// Kept entries marked `#@ dane`.
    public var daneMarked: Int { kept.lazy.filter(\.dane).count }

    /// Dropped entries counted per reason category, most frequent first (ties by name).
    public var droppedByCategory: [(category: String, count: Int)] {
        var counts: [String: Int] = [:]
        for entry in dropped { counts[entry.reason.category, default: 0] += 1 }
        return counts.map { (category: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.category < $1.category }
    }
}
