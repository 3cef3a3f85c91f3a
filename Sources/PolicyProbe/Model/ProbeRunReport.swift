/// The result of probing a set of entries.
public struct ProbeRunReport: Sendable, Hashable, Codable {
    /// Schema version of the JSON form (docs/probe-json.md).
    public var version: Int = 1
    /// When the run started, RFC 3339 in UTC (`2026-11-23T04:50:00Z`); `nil` in results
    /// written before the field existed. Reports merge runs by it.
    public var started: String?
    /// One report per entry, in the order given.
    public var entries: [EntryProbeReport]
    /// Distinct SMTP sessions made (shared by entries with the same address and settings).
    public var sessions: Int
    /// Wall time in seconds.
    public var elapsed: Double
    /// True when the overall deadline cut the run short (unprobed addresses count as unreachable).
    public var deadlineReached: Bool
    /// Set when this host could not reach the SMTP port at all (see ``BlindRunner``): the
    /// verdicts then say nothing about the entries. Nil for a run that reached servers, and
    /// in results written before the field existed.
    public var blindRunner: BlindRunner? = nil

    /// How many entries got each verdict.
    public var counts: [EntryVerdict: Int] {
        entries.reduce(into: [:]) { $0[$1.verdict, default: 0] += 1 }
    }

    /// True when at least one entry fails.
    public var hasFailures: Bool { entries.contains { $0.verdict == .fail } }
}
