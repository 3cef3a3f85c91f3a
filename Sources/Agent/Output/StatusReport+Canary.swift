import PolicySync

/// The host canary's part of `status`: each held and reported line with the probe's reason.
extension StatusReport {
    /// One warning while lines are held: they protect nothing until they pass.
    static func canaryWarnings(_ record: CanaryRecord?) -> [String] {
        guard let held = record?.held, !held.isEmpty else { return [] }
        return ["the host canary holds \(held.count) line(s) that would defer mail from this host: "
            + held.map(\.key).joined(separator: ", ")]
    }

    /// `canary held KEY LINE (release TAG; live: LINE|none): REASON [TYPE]`, then the reported ones.
    var canaryLines: [String] {
        guard let canary else { return [] }
        var lines = canary.held.map { finding in
            "canary held: \(finding.key) \(finding.line) (release \(finding.tag); live: \(finding.liveLine ?? "none")): "
                + "\(finding.reason) [\(finding.resultType)]"
        }
        lines += canary.reported.map { finding in
            "canary reported: \(finding.key) \(finding.line) (release \(finding.tag), deployed): \(finding.reason) [\(finding.resultType)]"
        }
        if canary.unverified > 0 { lines.append("canary unverified: \(canary.unverified) line(s) deployed without a verdict") }
        return lines
    }
}
