import TLSPolicy

/// libFuzzer's entry point: every input is read as a table by both grammars (3.7 and
/// 3.11, which differ in brace groups), linted, formatted and rendered. A crash, a hang
/// or a sanitizer report is a bug; nothing else is expected to fail.
@_cdecl("LLVMFuzzerTestOneInput")
public func policyParserFuzzTest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for version in [PostfixVersion.v3_7, .v3_11] {
        let options = LintOptions(rules: .postfix, postfixVersion: version)
        let report = Linter(options: options).lint([LintSource(name: "fuzz", bytes: bytes)])
        _ = DiagnosticFormat.json.render(report)
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
