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
        var blindRunner: BlindRunner?

        private enum CodingKeys: String, CodingKey {
            case version, started, summary, sessions, elapsed, deadlineReached, entries, blindRunner
        }

        // Written by hand so that `blindRunner` is always present (`null` for a run that
        // reached servers): a consumer checks one field, not its absence.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(version, forKey: .version)
            try container.encodeIfPresent(started, forKey: .started)
            try container.encode(summary, forKey: .summary)
            try container.encode(sessions, forKey: .sessions)
            try container.encode(elapsed, forKey: .elapsed)
            try container.encode(deadlineReached, forKey: .deadlineReached)
            try container.encode(entries, forKey: .entries)
            try container.encode(blindRunner, forKey: .blindRunner)
        }
    }

    static func render(_ report: ProbeRunReport) throws -> String {
        var summary = Dictionary(uniqueKeysWithValues: EntryVerdict.allCases.map { ($0.rawValue, report.counts[$0, default: 0]) })
        summary["entries"] = report.entries.count
        let document = Document(version: report.version, started: report.started, summary: summary, sessions: report.sessions,
                                elapsed: (report.elapsed * 1000).rounded() / 1000, deadlineReached: report.deadlineReached,
                                entries: report.entries, blindRunner: report.blindRunner)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
