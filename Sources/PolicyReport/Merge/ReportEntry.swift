import Foundation
import PolicyProbe

/// One entry of the merged report: its newest result, and its history across the runs given.
public struct ReportEntry: Sendable, Hashable {
    /// The newest result for the entry.
    public var result: EntryProbeReport
    /// The file the newest result came from.
    public var source: String
    /// When the run that produced the newest result happened.
    public var probed: Date
    /// The newest run in which the entry passed (verdict `pass` or `stronger`); nil when it
    /// passed in none of the runs given.
    public var lastVerified: Date?
    /// How many of the files given had a result for the entry.
    public var runs: Int

    /// The provider the entry belongs to: its dataset file.
    public var provider: String { result.file }
}
