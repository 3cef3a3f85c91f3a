import XCTest
@testable import TLSPolicy

/// The rendered table is built from bytes the merge already linted, so its validation
/// lints only what was written rather than copied. These tests lint whole rendered
/// tables to prove that this loses nothing: every table the merge renders is valid for
/// the host's Postfix and reads back as the merged entries.
final class RenderedTableTests: XCTestCase {
    private let options = LintOptions(rules: .postfix, postfixVersion: .v3_7, host: .init(dnssec: true))

    private func merge(_ release: [LintSource], overrides: String? = nil,
                       version: PostfixVersion = .v3_7) throws -> MergedPolicy {
        try PolicyMerger(postfixVersion: version, host: .init(dnssec: true))
            .merge(shared: release, overrides: overrides.map { LintSource(name: "/etc/overrides", bytes: Array($0.utf8)) })
    }

    private func source(_ text: String) -> [LintSource] {
        [LintSource(name: "policy/t.policy", bytes: Array(text.utf8))]
    }

    func testEveryRenderedTableIsValidAndReadsAsTheMergedEntries() throws {
        let overrides = """
            #@ remove d3.example
            d5.example SECURE  match=.override.example
            #@ dane
            added.example encrypt
            d7.example secure match={b}
            d9.example may

            """
        for seed in 1...25 {
            var generator = ReleaseGenerator(seed: UInt64(seed))
            let release = generator.release(files: 1 + seed % 3, entries: 12 + seed, sorted: seed % 3 != 0)
            let merged = try merge(release, overrides: overrides)
            for variant in [TableRenderer.Variant.pkix, .dane] {
                let table = TableRenderer(variant: variant, sourceCommit: "c0ffee").render(merged)
                let text = ASCII.string(table.bytes)
                // The whole table, linted as Postfix reads it.
                let lint = Linter(options: options).lint([LintSource(name: "rendered", bytes: table.bytes)])
                XCTAssertEqual(lint.errorCount, 0, "seed \(seed), \(variant): \(lint.diagnostics)\n\(text)")
                XCTAssertEqual(lint.entries, table.entryCount)
                XCTAssertEqual(table.entryCount, merged.count)
                XCTAssertEqual(table.validate(options: options, name: "rendered").filter { $0.severity == .error }, [])
                // It reads back as the merged entries: keys, values, the DANE variant's dane-only.
                let read = PolicyTable(file: "rendered", bytes: table.bytes, parser: PolicyValueParser(version: .v3_7,
                                                                                                        host: .init(dnssec: true)))
                XCTAssertEqual(read.records.map(\.key.text), merged.entries.map(\.key))
                XCTAssertEqual(read.records.map { $0.entry?.valueText },
                               merged.entries.map { variant == .dane && $0.annotations.contains(.dane) ? "dane-only" : $0.entry.valueText })
            }
        }
    }

    func testValidationLintsTheHeaderAndOnlyTheLinesItWrote() throws {
        let canonical = source("# Provider: T\n\na.example secure match=.a.example\n#@ dane\nb.example encrypt\nc.example encrypt\n")
        let merged = try merge(canonical)
        let pkix = TableRenderer(variant: .pkix, sourceCommit: nil).render(merged)
        XCTAssertEqual(pkix.headerLines, 4)
        XCTAssertEqual(pkix.uncheckedLines, [], "every entry line is bytes the merge linted")
        let dane = TableRenderer(variant: .dane, sourceCommit: nil).render(merged)
        XCTAssertEqual(dane.uncheckedLines.map(\.number), [6], "dane-only, written by the renderer")
        XCTAssertEqual(dane.checkedLineCount, 5)

        // Rewritten values are linted again, each written value once: `e` repeats `a`'s bytes,
        // so it shares `a`'s written value; `b` is canonical, its bytes were linted.
        let written = try merge(source(
            "a.example SECURE match=x\nb.example secure match=x\nc.example Secure   match=x\nd.example encrypt\ne.example SECURE match=x\n"))
        let table = TableRenderer(variant: .pkix, sourceCommit: nil).render(written)
        XCTAssertEqual(table.uncheckedLines.map(\.number), [5, 7])
        XCTAssertEqual(table.uncheckedLines.map { ASCII.string(table.bytes[$0.bytes]) },
                       ["a.example secure match=x", "c.example secure match=x"])
    }

    func testAWrittenLineTheHostRejectsIsReportedAtItsLine() throws {
        // Postfix 2.10 has no dane levels: every entry is valid there, but the DANE
        // variant's dane-only is not.
        let old = PostfixVersion(major: 2, minor: 10)
        let merged = try merge(source("a.example encrypt\n#@ dane\nb.example encrypt\nc.example encrypt\n#@ dane\nd.example encrypt\n"),
                               version: old)
        let table = TableRenderer(variant: .dane, sourceCommit: nil).render(merged)
        let errors = table.validate(options: LintOptions(rules: .postfix, postfixVersion: old, host: .init(dnssec: true)),
                                    name: "rendered").filter { $0.severity == .error }
        XCTAssertEqual(errors.map(\.line), [6], "the first dane-only line; the verdict on the others is the same")
        XCTAssertEqual(errors.map(\.rule), [.policyLevelVersion])
        XCTAssertEqual(errors.first?.file, "rendered")
    }

    func testOtherRulesThanTheMergesLintTheWholeTable() throws {
        let merged = try merge(source("a.example encrypt\n#@ dane\nb.example encrypt\n#@ dane\nc.example encrypt\n"))
        let table = TableRenderer(variant: .dane, sourceCommit: nil).render(merged)
        // Merged for a host with DNSSEC, checked for one without: nothing the merge found holds.
        let errors = table.validate(options: LintOptions(rules: .postfix, postfixVersion: .v3_7), name: "rendered")
            .filter { $0.severity == .error }
        XCTAssertEqual(errors.map(\.line), [6, 7])
        XCTAssertEqual(Set(errors.map(\.rule)), [.hostDaneOnlyWithoutDNSSEC])
    }
}
