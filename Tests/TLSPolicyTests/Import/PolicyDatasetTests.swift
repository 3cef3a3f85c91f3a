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
}
