import TLSPolicy

/// The function libFuzzer calls with each input: every input is read as a table by both grammars (3.7 and
/// 3.11, which differ in brace groups), linted under both rule sets, formatted and rendered, and merged as a
/// release (whose rendered table must lint clean). A crash, a hang or a sanitizer report is a bug; nothing else
/// is expected to fail.
func policyParserFuzzTest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    for version in [PostfixVersion.v3_7, .v3_11] {
        for rules in [RuleSet.postfix, .dataset] {
            let options = LintOptions(rules: rules, postfixVersion: version)
            let report = Linter(options: options).lint([LintSource(name: "fuzz", bytes: bytes)])
            _ = DiagnosticFormat.json.render(report)
        }
        let file = PolicyFile(name: "fuzz", bytes: bytes, parser: PolicyValueParser(version: version))
        if let canonical = try? CanonicalFormatter.format(file) {
            // Formatting must be idempotent: the canonical text formats to itself.
            let again = PolicyFile(name: "fuzz", bytes: Array(canonical.utf8), parser: PolicyValueParser(version: version))
            guard let second = try? CanonicalFormatter.format(again), second == canonical else {
                fatalError("canonical form is not idempotent")
            }
        }
        _ = TableRenderer(variant: .dane, sourceCommit: nil).render([file])
        checkMergedReleaseRendersValid(bytes, version: version)
    }
    return 0
}

/// The agent's path: the input as a release file. When the merge accepts it for a host,
/// the rendered table, linted whole, must be valid for that host and hold every merged
/// entry, and the validate step (which lints only what the renderer wrote) must agree.
private func checkMergedReleaseRendersValid(_ bytes: [UInt8], version: PostfixVersion) {
    for dnssec in [false, true] {
        let host = PolicyValueParser.HostContext(dnssec: dnssec)
        guard let merged = try? PolicyMerger(postfixVersion: version, host: host)
            .merge(shared: [LintSource(name: "fuzz", bytes: bytes)], overrides: nil) else { continue }
        let options = LintOptions(rules: .postfix, postfixVersion: version, host: host)
        for variant in dnssec ? [TableRenderer.Variant.pkix, .dane] : [.pkix] {
            let table = TableRenderer(variant: variant, sourceCommit: nil).render(merged)
            let whole = Linter(options: options).lint([LintSource(name: "rendered", bytes: table.bytes)])
            let validated = table.validate(options: options, name: "rendered")
            guard whole.errorCount == 0, whole.entries == table.entryCount, table.entryCount == merged.count,
                  validated.allSatisfy({ $0.severity != .error })
            else { fatalError("a merged release renders to a table its host's Postfix rejects") }
        }
    }
}
