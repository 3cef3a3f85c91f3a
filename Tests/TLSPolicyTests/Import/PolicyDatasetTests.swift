import XCTest
@testable import TLSPolicy

/// The repository's own dataset (`policy/`), as committed.
final class PolicyDatasetTests: XCTestCase {
    private var directory: String { ImportTestSupport.packageRoot.appendingPathComponent("policy").path }

    func testRepositoryDatasetLintsCleanUnderTheDatasetRules() throws {
        let dataset = try Dataset.load(directory: directory)
        let options = LintOptions(rules: .dataset, postfixVersion: dataset.manifest.minimumPostfixVersion)
        let report = DatasetRules(options: options, manifest: dataset.manifest).lint(dataset.sources)
        XCTAssertEqual(report.diagnostics, [], report.diagnostics.map { "\($0.file):\($0.line): \($0.message)" }
            .joined(separator: "\n"))
        XCTAssertGreaterThan(report.files, 0)
        XCTAssertGreaterThan(report.entries, 0)
    }

    func testRepositoryDatasetSupportsPostfix3_5() throws {
        let dataset = try Dataset.load(directory: directory)
        XCTAssertEqual(dataset.manifest.minimumPostfixVersion, PostfixVersion(major: 3, minor: 5))
    }

    func testRepositoryDatasetLintsCleanOnNewerPostfixToo() throws {
        // An entry valid on 3.5 must stay valid where the hosts run newer releases.
        let dataset = try Dataset.load(directory: directory)
        for version in [PostfixVersion.v3_7, .v3_11] {
            let report = DatasetRules(options: LintOptions(rules: .dataset, postfixVersion: version),
                                      manifest: dataset.manifest).lint(dataset.sources)
            XCTAssertEqual(report.diagnostics, [], "Postfix \(version)")
        }
    }

    /// Importing the csware pair loses no domain: every key of its `tls_policy` has an
    /// entry in `policy/` (the fingerprint pins as `encrypt`), each `dane-only` key of its
    /// `-dane` variant a `#@ dane` mark. Skipped where the public corpus is absent.
    func testRepositoryDatasetCoversEveryDomainOfTheCswareList() throws {
        let list = try ImportTestSupport.corpusFile("csware-tls_policy")
        let variant = try ImportTestSupport.corpusFile("csware-tls_policy-dane")
        func keys(_ source: ImportSource, value: (String) -> Bool = { _ in true }) -> Set<String> {
            Set(String(decoding: source.bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
                guard let first = line.first, first != "#", first != " ", first != "\t" else { return nil }
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                return value(words.dropFirst().joined(separator: " ")) ? words[0].lowercased() : nil
            })
        }
        let dataset = try Dataset.load(directory: directory)
        let files = dataset.sources.map { PolicyFile(name: $0.name, bytes: $0.bytes, parser: PolicyValueParser(version: .v3_7)) }
        let blocks = files.flatMap(\.blocks)
        let covered = Set(blocks.map(\.record.key.folded))
        let marked = Set(blocks.filter { $0.annotations.known.contains(.dane) }.map(\.record.key.folded))

        let listed = keys(list)
        XCTAssertEqual(listed.count, 237)
        XCTAssertEqual(listed.subtracting(covered).sorted(), [])
        XCTAssertEqual(keys(variant, value: { $0 == "dane-only" }).subtracting(marked).sorted(), [])
        for pinned in keys(list, value: { $0.hasPrefix("fingerprint") }) {
            XCTAssertEqual(blocks.first { $0.record.key.folded == pinned }?.record.parse.level, .encrypt, pinned)
        }
    }
}
