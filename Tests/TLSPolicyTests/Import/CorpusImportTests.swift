import XCTest
@testable import TLSPolicy

/// Imports the public lists of the corpus (``PublicCorpus``; skipped, never passed, where it is absent).
final class CorpusImportTests: XCTestCase {
    /// Entries of a Postfix table counted independently of the parser: lines that start
    /// with neither whitespace nor `#` and are not blank.
    private func entryLines(_ source: ImportSource) -> [(key: String, value: String)] {
        String(decoding: source.bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
            guard let first = line.first, first != "#", first != " ", first != "\t" else { return nil }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            return (String(words[0]), words.dropFirst().joined(separator: " "))
        }
    }

    func testCswarePairImportsCleanWithEveryEntryAccountedFor() throws {
        let policy = try ImportTestSupport.corpusFile("csware-tls_policy")
        let variant = try ImportTestSupport.corpusFile("csware-tls_policy-dane")
        let report = try CswareImporter(minimumPostfixVersion: ImportTestSupport.minimum)
            .importTables(policy: policy, daneVariant: variant)

        let lines = entryLines(policy)
        XCTAssertEqual(report.kept.count + report.dropped.count, lines.count)
        XCTAssertEqual(report.inputEntries, lines.count)

        // No domain of the list is lost: every key is kept (237 in the 2024-05-24 list).
        XCTAssertEqual(report.dropped.map(\.message), [])
        XCTAssertEqual(Set(report.kept.map(\.key)), Set(lines.map { $0.key.lowercased() }))
        XCTAssertEqual(report.kept.count, 237)

        // The three fingerprint pins become encrypt (STARTTLS stays required), each noted.
        let pinned = Set(lines.filter { $0.value.hasPrefix("fingerprint") }.map(\.key))
        XCTAssertEqual(pinned, ["bayern.de", "torproject.org", "unitymedia.de"])
        XCTAssertEqual(Set(report.kept.filter { $0.entry.level == .encrypt && pinned.contains($0.key) }.map(\.key)), pinned)
        XCTAssertEqual(Set(report.notes.filter { $0.message.hasPrefix("fingerprint pin imported as") }.compactMap(\.key)), pinned)

        // Every dane-only domain of the variant is marked, the converted pins included.
        let daneOnly = Set(entryLines(variant).filter { $0.value == "dane-only" }.map(\.key))
        let marked = Set(report.kept.filter(\.dane).map(\.key))
        XCTAssertEqual(marked, daneOnly)
        XCTAssertTrue(marked.isSuperset(of: ["bayern.de", "torproject.org"]))
        XCTAssertEqual(report.daneMarked, marked.count)

        let files = try ImportTestSupport.files(report)
        XCTAssertEqual(ImportTestSupport.lint(files).diagnostics, [])
        XCTAssertEqual(files.reduce(0) { $0 + $1.entryCount }, report.kept.count)
        XCTAssertEqual(files.reduce(0) { $0 + $1.daneMarkCount }, marked.count)
        let names = Set(files.map(\.name))
        for expected in ["microsoft.policy", "yahoo.policy", "gmx.policy", "google.policy", "bund.de.policy"] {
            XCTAssertTrue(names.contains(expected), "\(expected) missing from \(names.sorted())")
        }
    }

    func testEFFListImportsCleanWithEveryPolicyAccountedFor() throws {
        let source = try ImportTestSupport.corpusFile("eff-policy.json")
        let report = try EFFPolicyImporter(minimumPostfixVersion: ImportTestSupport.minimum).importPolicyList(source)

        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(source.bytes)) as? [String: Any])
        let policies = try XCTUnwrap(json["policies"] as? [String: Any])
        let aliases = try XCTUnwrap(json["policy-aliases"] as? [String: Any])
        func mode(_ policy: Any?) -> String? {
            guard let object = policy as? [String: Any] else { return nil }
            if let alias = object["policy-alias"] as? String {
                return (aliases[alias] as? [String: Any])?["mode"] as? String
            }
            return object["mode"] as? String
        }
        XCTAssertEqual(report.inputEntries, policies.count)
        let enforced = Set(policies.filter { mode($0.value) == "enforce" }.map(\.key))
        XCTAssertEqual(Set(report.kept.map(\.key)), enforced)
        XCTAssertTrue(report.dropped.allSatisfy { $0.reason == .testingMode })
        XCTAssertTrue(report.dropped.allSatisfy { $0.origin.line != nil }, "every drop names its line")
        XCTAssertTrue(report.kept.allSatisfy { $0.entry.level == .secure && !$0.dane })

        // Every one-label pattern was widened, and each widening is reported.
        let widened = report.kept.filter { $0.entry.matchPatterns?.contains { if case .subdomains = $0 { true } else { false } } ?? false }
        XCTAssertFalse(widened.isEmpty)
        XCTAssertEqual(Set(report.notes.compactMap(\.key)), Set(widened.map(\.key)))

        let files = try ImportTestSupport.files(report)
        XCTAssertEqual(ImportTestSupport.lint(files).diagnostics, [])
        XCTAssertEqual(files.reduce(0) { $0 + $1.entryCount }, report.kept.count)
    }
}
