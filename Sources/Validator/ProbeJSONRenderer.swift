import Foundation
import PolicyProbe

/// `--format json`: the schema in docs/probe-json.md (version 1).
enum ProbeJSONRenderer {
    private struct Document: Encodable {
        var version: Int
        var started: String?
        var summary: [String: Int]
        var sessions: Int
        var elapsed: Double
        var deadlineReached: Bool
        var entries: [EntryProbeReport]
    }

    static func render(_ report: ProbeRunReport) throws -> String {
        var summary = Dictionary(uniqueKeysWithValues: EntryVerdict.allCases.map { ($0.rawValue, report.counts[$0, default: 0]) })
        summary["entries"] = report.entries.count
        let document = Document(version: report.version, started: report.started, summary: summary, sessions: report.sessions,
                                elapsed: (report.elapsed * 1000).rounded() / 1000, deadlineReached: report.deadlineReached,
                                entries: report.entries)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
