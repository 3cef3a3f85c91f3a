import Foundation

/// A results file that went into the report.
public struct ReportSource: Sendable, Hashable {
    /// The file as named on the command line.
    public var name: String
    /// When its run happened.
    public var runTime: Date
    /// Entries it has results for.
    public var entries: Int
    /// Of those, how many are the newest result for their entry (and so shown).
    public var newest: Int
    /// The probe's deadline cut the run short.
    public var deadlineReached: Bool
}
