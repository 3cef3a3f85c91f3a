import Foundation
import PolicyProbe

/// Merges probe results files: the shards of one run, several runs over time, or both.
///
/// An entry is identified by its key (Postfix folds keys to lower case; the dataset keeps
/// a key once across all files). Its newest result wins: the one from the latest run, and
/// among files of the same run time the one given last. Its last-verified time is the
/// newest run in which it passed (`pass` or `stronger`), whatever the newest verdict is.
public enum ReportMerger {
    /// Merges `files`; the result does not depend on anything but them.
    public static func merge(_ files: [ProbeResultsFile]) -> MergedReport {
        struct Candidate {
            var entry: EntryProbeReport
            var fileIndex: Int
            var runTime: Date
        }
        var byKey: [String: [Candidate]] = [:]
        for (index, file) in files.enumerated() {
            for entry in file.report.entries {
                byKey[entry.key.lowercased(), default: []]
                    .append(Candidate(entry: entry, fileIndex: index, runTime: file.runTime))
            }
        }

        var newestCount = Array(repeating: 0, count: files.count)
        var merged: [ReportEntry] = []
        for candidates in byKey.values {
            guard let newest = candidates.max(by: { ($0.runTime, $0.fileIndex) < ($1.runTime, $1.fileIndex) }) else { continue }
            newestCount[newest.fileIndex] += 1
            let verified = candidates.filter { $0.entry.verdict == .pass || $0.entry.verdict == .stronger }
                .map(\.runTime).max()
            merged.append(ReportEntry(result: newest.entry, source: files[newest.fileIndex].name, probed: newest.runTime,
                                      lastVerified: verified, runs: Set(candidates.map(\.fileIndex)).count))
        }
        merged.sort { ($0.result.key.lowercased(), $0.result.file) < ($1.result.key.lowercased(), $1.result.file) }

        let sources = files.enumerated().map { index, file in
            ReportSource(name: file.name, runTime: file.runTime, entries: file.report.entries.count,
                         newest: newestCount[index], deadlineReached: file.report.deadlineReached)
        }
        return MergedReport(sources: sources, entries: merged)
    }
}
