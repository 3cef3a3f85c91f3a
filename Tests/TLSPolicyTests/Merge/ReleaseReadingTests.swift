import XCTest
@testable import TLSPolicy

/// The merge reads each release file in one streaming pass and renders from the bytes it
/// kept. Whatever the order of the file (sorted files are read without a table of keys,
/// others again with one), and however often a value repeats (each distinct value is
/// parsed once), the table must be the one `render` writes for the same files read as
/// dataset files (``PolicyFile``: the model the validator renders from), `#@ dane` marks
/// included.
final class ReleaseReadingTests: XCTestCase {
    private let parser = PolicyValueParser(version: .v3_7, host: .init(dnssec: true))

    private func merger() -> PolicyMerger {
        PolicyMerger(postfixVersion: .v3_7, host: .init(dnssec: true))
    }

    /// What the validator renders for these files, read as dataset files.
    private func expected(_ sources: [LintSource], variant: TableRenderer.Variant) -> String {
        TableRenderer(variant: variant, sourceCommit: "c0ffee")
            .render(sources.map { PolicyFile(name: $0.name, bytes: $0.bytes, parser: parser) })
    }

    private func rendered(_ sources: [LintSource], variant: TableRenderer.Variant) throws -> String {
        try merger().merge(shared: sources, overrides: nil).render(variant: variant, sourceCommit: "c0ffee")
    }

    func testGeneratedReleasesRenderAsTheirDatasetFilesWhateverTheOrder() throws {
        for seed in 1...60 {
            var generator = ReleaseGenerator(seed: UInt64(seed))
            let sources = generator.release(files: 1 + seed % 3, entries: 30 + seed, sorted: seed % 2 == 0)
            for variant in [TableRenderer.Variant.pkix, .dane] {
                XCTAssertEqual(try rendered(sources, variant: variant), expected(sources, variant: variant),
                               "seed \(seed), \(variant):\n"
                                   + sources.map { "\($0.name):\n" + String(decoding: $0.bytes, as: UTF8.self) }
                                   .joined(separator: "\n"))
            }
        }
    }

    func testARepeatedValueIsJudgedOnceAndAnInvalidOneAtEveryLine() throws {
        let text = "a.example SECURE match=x\nb.example SECURE match=x\nc.example securest\nd.example securest\n"
        let sources = [LintSource(name: "policy/t.policy", bytes: Array(text.utf8))]
        XCTAssertThrowsError(try merger().merge(shared: sources, overrides: nil)) { error in
            XCTAssertEqual((error as? MergeError)?.problems.map(\.line), [3, 4])
        }
        let merged = try merger().merge(shared: sources, overrides: LintSource(
            name: "o", bytes: Array("#@ remove c.example\n#@ remove d.example\n".utf8)))
        XCTAssertEqual(merged.table.value(0), merged.table.value(1), "one written value, shared")
        XCTAssertEqual(merged.table.rows[0].value, merged.table.rows[1].value)
        XCTAssertEqual(merged.entries.map(\.entry.valueText), ["secure match=x", "secure match=x"])
    }

    func testDaneMarkAttachesAsInADatasetFile() throws {
        let text = """
            # Provider: Test
            #@ dane
            a.example secure match=.a.example

            #@ dane
            # why
            b.example secure match=.b.example
            c.example encrypt
              # a comment inside the entry
              #@ dane
              protocols=>=TLSv1.2
            d.example encrypt

            """
        let sources = [LintSource(name: "policy/t.policy", bytes: Array(text.utf8))]
        let dane = try rendered(sources, variant: .dane)
        XCTAssertEqual(dane, expected(sources, variant: .dane))
        let lines = dane.split(separator: "\n").filter { !$0.hasPrefix("#") }
        XCTAssertEqual(lines, [
            "a.example secure match=.a.example",  // the mark at the top is part of the header
            "b.example dane-only",
            "c.example dane-only",  // a mark among the entry's own lines is the entry's
            "d.example encrypt",
        ])
    }

    func testMarkAboveADuplicatePostmapDropsGoesToTheNextEntry() throws {
        let text = "# Provider: Test\n\na.example encrypt\n#@ dane\nA.EXAMPLE secure\nb.example secure\n"
        let sources = [LintSource(name: "policy/t.policy", bytes: Array(text.utf8))]
        // The duplicate is a problem unless the host overrides the key.
        XCTAssertThrowsError(try merger().merge(shared: sources, overrides: nil)) { error in
            XCTAssertEqual((error as? MergeError)?.problems.map(\.line), [5])
        }
        let merged = try merger().merge(shared: sources, overrides: LintSource(name: "o", bytes: Array("a.example may\n".utf8)))
        XCTAssertEqual(merged.entries.map(\.key), ["a.example", "b.example"])
        XCTAssertEqual(merged.entries.first { $0.key == "b.example" }?.annotations, [.dane])
        XCTAssertEqual(merged.entries.first { $0.key == "a.example" }?.annotations, [])
    }

    func testDuplicateWithinAnUnsortedFileIsFoundWhereverItIs() throws {
        // Out of order, so the file is read again remembering every key.
        let text = "c.example encrypt\na.example encrypt\nb.example encrypt\nA.example secure\n"
        XCTAssertThrowsError(try merger().merge(
            shared: [LintSource(name: "policy/t.policy", bytes: Array(text.utf8))], overrides: nil)) { error in
            guard case MergeError.invalidRelease(let problems) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(problems.map(\.line), [4])
            XCTAssertEqual(problems.first?.kind,
                           .invalidEntry(message: "duplicate entry \"a.example\": postmap keeps the first one and ignores this one",
                                         rule: "table/duplicate-key"))
        }
    }

    func testKeyInTwoFilesIsRefusedWithBothPlacesWhateverTheOrder() throws {
        let first = LintSource(name: "policy/a.policy", bytes: Array("x.example encrypt\nz.example encrypt\n".utf8))
        let second = LintSource(name: "policy/b.policy", bytes: Array("a.example encrypt\nZ.EXAMPLE secure\n".utf8))
        XCTAssertThrowsError(try merger().merge(shared: [first, second], overrides: nil)) { error in
            guard case MergeError.invalidRelease(let problems) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(problems, [MergeProblem(file: "policy/b.policy", line: 2,
                                                   kind: .duplicateSharedKey(key: "z.example", firstFile: "policy/a.policy",
                                                                             firstLine: 2))])
        }
    }

    func testAnInvalidEntryDoesNotClaimItsKeyAcrossFiles() throws {
        // The first file's entry is invalid (excused by the override), so the second file's
        // valid entry is the release's, and the override replaces it.
        let first = LintSource(name: "policy/a.policy", bytes: Array("k.example securest\n".utf8))
        let second = LintSource(name: "policy/b.policy", bytes: Array("k.example secure\n".utf8))
        let merged = try merger().merge(shared: [first, second],
                                        overrides: LintSource(name: "o", bytes: Array("k.example encrypt\n".utf8)))
        XCTAssertEqual(merged.replaced, ["k.example"])
        XCTAssertEqual(merged.warnings.map(\.kind), [.lowerLevel(shared: .secure, override: .encrypt)])
    }

    func testValueWithABraceKeepsItsOwnTextAndIsNotDropped() throws {
        // From 3.10 an unbalanced brace swallows what follows it; before, it is an ordinary
        // byte. Either way the canonical `{ match = … }` would read differently, so the entry
        // keeps its own text (it was once rendered from a re-read that dropped it).
        for (version, value) in [(PostfixVersion.v3_7, "secure match={a}"),
                                 (PostfixVersion(major: 3, minor: 11), "secure match={")] {
            let sources = [LintSource(name: "policy/t.policy", bytes: Array("k.example \(value)\nl.example encrypt\n".utf8))]
            let merged = try PolicyMerger(postfixVersion: version).merge(shared: sources, overrides: nil)
            let table = TableRenderer(variant: .pkix, sourceCommit: nil).render(merged)
            XCTAssertTrue(ASCII.string(table.bytes).contains("\nk.example \(value)\n"), ASCII.string(table.bytes))
            XCTAssertEqual(table.entryCount, 2)
            let lint = Linter(options: LintOptions(rules: .postfix, postfixVersion: version))
                .lint([LintSource(name: "rendered", bytes: table.bytes)])
            XCTAssertEqual(lint.errorCount, 0, "\(lint.diagnostics)")
            XCTAssertEqual(lint.entries, 2)
        }
    }
}

/// Releases with what a reader must get right: keys in mixed case, values in non-canonical
/// form (case, separators, continuation lines), comment and annotation lines everywhere,
/// headers with and without a blank line, files sorted or not. Every entry is valid and
/// every key unique, so the release merges.
struct ReleaseGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 }

    /// SplitMix64.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func pick<T>(_ choices: [T]) -> T { choices[Int(next() % UInt64(choices.count))] }
    private mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }

    private static let values = [
        "secure match=.mx.example.net", "SECURE  Match=.mx.example.net:mx.example.org", "encrypt",
        "Encrypt,protocols=>=TLSv1.2", "verify match=hostname ciphers=high", "may", "none ignored=after-none",
        "dane-only", "encrypt\tprotocols=!SSLv2:!SSLv3", "secure match=nexthop:dot-nexthop",
        "fingerprint match=AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99",
    ]
    private static let comments = ["# a comment", "#@ dane", "  #@ dane", "#@dane", "#@ unknown", "\t# indented", ""]

    /// `files` files with about `entries` entries in all.
    mutating func release(files: Int, entries: Int, sorted: Bool) -> [LintSource] {
        var keys = (0..<entries).map { index -> String in
            let key = "d\(index).example"
            return chance(20) ? key.uppercased() : key
        }
        if sorted {
            keys.sort { $0.lowercased() < $1.lowercased() }
        } else {
            for index in keys.indices.reversed() { keys.swapAt(index, Int(next() % UInt64(index + 1))) }
        }
        var sources: [LintSource] = []
        for file in 0..<files {
            var lines: [String] = []
            if chance(70) {
                lines.append("# Provider: P\(file)")
                if chance(30) { lines.append("#@ dane") }
                if chance(70) { lines.append("") }
            }
            let share = keys.enumerated().filter { $0.offset % files == file }.map(\.element)
            for key in share {
                while chance(25) { lines.append(pick(ReleaseGenerator.comments)) }
                var value = pick(ReleaseGenerator.values)
                if chance(10) { value += "\n  # inside\n    exclude=aNULL" }
                lines.append(key + pick([" ", "  ", "\t"]) + value + pick(["", " ", "\r"]))
            }
            while chance(30) { lines.append(pick(ReleaseGenerator.comments)) }
            sources.append(LintSource(name: "policy/p\(file).policy", bytes: Array((lines.joined(separator: "\n") + "\n").utf8)))
        }
        return sources
    }
}
