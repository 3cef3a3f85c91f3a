import Foundation

/// What the canary makes of its verdicts: which lines are held, which reported, and the
/// table that is deployed. Pure: no probe, no file, so every rule is unit-tested.
///
/// `hold`: a line that would defer is not enforced yet (a new key stays out of the table, a
/// changed key keeps its live line); every other line deploys as the release has it.
/// `report`: every line deploys; the ones that would defer are reported. A candidate the
/// canary has no verdict for (it was not probed) is never held: only a probe holds a line.
struct CanaryDecision: Sendable {
    var held: [CanaryFinding] = []
    var reported: [CanaryFinding] = []
    /// Candidates probed without a verdict either way.
    var unverified: [(key: String, reason: String)] = []

    init(mode: CanaryMode, candidates: [CanaryCandidate], verdicts: [String: CanaryVerdict], tag: String, now: Date) {
        guard mode != .off else { return }
        for candidate in candidates {
            switch verdicts[candidate.key] {
            case .wouldDefer(let reason, let resultType)?:
                let finding = CanaryFinding(key: candidate.key, tag: tag, line: candidate.value, liveLine: candidate.liveValue,
                                            reason: reason, resultType: resultType, probedAt: now)
                if mode == .hold { held.append(finding) } else { reported.append(finding) }
            case .unverified(let reason)?:
                unverified.append((candidate.key, reason))
            case .passes?, nil:
                break
            }
        }
    }

    /// The record the state keeps; nil when there is nothing to remember.
    var record: CanaryRecord? {
        let record = CanaryRecord(held: held, reported: reported, unverified: unverified.count)
        return record.isEmpty ? nil : record
    }

    /// `table` (a rendered table: one entry per line, keys folded) with each held line
    /// replaced by its live line or left out. Comments and every other line are kept byte
    /// for byte; an indented continuation follows its entry.
    func apply(to table: [UInt8]) -> [UInt8] {
        guard !held.isEmpty else { return table }
        let byKey = Dictionary(held.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var output: [UInt8] = []
        output.reserveCapacity(table.count)
        var skipping = false
        for raw in table.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast(table.last == 0x0A ? 1 : 0) {
            let line = Array(raw)
            let indented = line.first == 0x20 || line.first == 0x09
            if indented && skipping { continue }
            skipping = false
            if !indented, !line.isEmpty, line.first != 0x23 {
                let end = line.firstIndex(where: { $0 == 0x20 || $0 == 0x09 }) ?? line.endIndex
                let key = String(decoding: line[..<end], as: UTF8.self).lowercased()
                if let finding = byKey[key] {
                    skipping = true
                    if let live = finding.liveLine { output += Array("\(key) \(live)\n".utf8) }
                    continue
                }
            }
            output += line + [0x0A]
        }
        return output
    }
}
