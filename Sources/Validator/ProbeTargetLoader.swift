import Foundation
import PolicyProbe
import TLSPolicy

/// Reads the entries to probe from table files, keeping where each one is written and
/// whether it carries `#@ dane`; entries the target Postfix rejects are listed apart.
struct ProbeTargetLoader {
    /// An entry Postfix would reject: lint's business, but a probe must not call it fine.
    struct InvalidEntry {
        var file: String
        var line: Int
        var key: String
        var reason: String
    }

    var targets: [ProbeTarget] = []
    var invalid: [InvalidEntry] = []

    init(sources: [LintSource], parser: PolicyValueParser) {
        for source in sources {
            let file = PolicyFile(name: source.name, bytes: source.bytes, parser: parser)
            for block in file.blocks {
                let record = block.record
                guard let entry = record.entry else {
                    invalid.append(InvalidEntry(file: source.name, line: record.lineNumber, key: record.key.text,
                                                reason: record.parse.error?.message ?? "invalid entry"))
                    continue
                }
                targets.append(ProbeTarget(entry: entry, file: source.name, line: record.lineNumber,
                                           isDANEMarked: block.annotations.known.contains(.dane)))
            }
        }
    }

    /// Each entry's key (folded) and what decides its meaning: the value and the DANE mark.
    static func fingerprints(of sources: [(name: String, bytes: [UInt8])], parser: PolicyValueParser) -> [String: String] {
        var result: [String: String] = [:]
        for source in sources {
            let file = PolicyFile(name: source.name, bytes: source.bytes, parser: parser)
            for block in file.blocks {
                let record = block.record
                let value = record.entry?.valueText ?? "invalid"
                let mark = block.annotations.known.contains(.dane) ? " #@ dane" : ""
                result[record.key.folded] = value + mark
            }
        }
        return result
    }

    /// The same fingerprint for a loaded target.
    static func fingerprint(of target: ProbeTarget) -> String {
        target.entry.valueText + (target.isDANEMarked ? " #@ dane" : "")
    }
}
