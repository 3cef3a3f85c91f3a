import Foundation
import PolicyProbe

/// Probe results from several files merged into one view: the newest result per entry.
public struct MergedReport: Sendable, Hashable {
    /// The files read, in the order given.
    public var sources: [ReportSource]
    /// One per entry, sorted by key, then file.
    public var entries: [ReportEntry]

    /// Entries per verdict (every verdict present, zero when none).
    public var counts: [EntryVerdict: Int] {
        var counts = Dictionary(uniqueKeysWithValues: EntryVerdict.allCases.map { ($0, 0) })
        for entry in entries { counts[entry.result.verdict, default: 0] += 1 }
        return counts
    }

    /// Entries with the given verdict, in report order.
    public func entries(_ verdict: EntryVerdict) -> [ReportEntry] {
        entries.filter { $0.result.verdict == verdict }
    }

    /// One status per dataset file, sorted by file.
    public var providers: [ProviderStatus] {
        let byFile = Dictionary(grouping: entries, by: \.provider)
        return byFile.keys.sorted().map { file in
            let group = byFile[file] ?? []
            var counts: [EntryVerdict: Int] = [:]
            for entry in group { counts[entry.result.verdict, default: 0] += 1 }
            let probeable = group.filter { $0.result.verdict != .unprobeable }
            let since: Date? = probeable.contains { $0.lastVerified == nil }
                ? nil : probeable.compactMap(\.lastVerified).min()
            return ProviderStatus(file: file, counts: counts, verifiedSince: since)
        }
    }
}
