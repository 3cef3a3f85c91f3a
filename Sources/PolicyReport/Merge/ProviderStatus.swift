import Foundation
import PolicyProbe

/// The status of one provider (one dataset file) across its entries.
public struct ProviderStatus: Sendable, Hashable {
    /// The dataset file, as the probe named it.
    public var file: String
    /// Entries per verdict.
    public var counts: [EntryVerdict: Int]
    /// The oldest `lastVerified` among its probeable entries: every entry of the provider
    /// has passed since then. Nil when one of them never passed in the runs given.
    public var verifiedSince: Date?

    /// The provider's name: the file name without its directory and `.policy` suffix.
    public var name: String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        return base.hasSuffix(".policy") ? String(base.dropLast(".policy".count)) : base
    }

    /// Entries in all.
    public var entries: Int { counts.values.reduce(0, +) }

    /// Entries with the given verdict.
    public func count(_ verdict: EntryVerdict) -> Int { counts[verdict, default: 0] }
}
