import TLSPolicy

/// The function libFuzzer calls with each input: every input is read as a table by both grammars (3.7 and
/// 3.11, which differ in brace groups), linted under both rule sets, formatted and rendered. A crash, a hang
/// or a sanitizer report is a bug; nothing else is expected to fail.
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
    }
    return 0
}
