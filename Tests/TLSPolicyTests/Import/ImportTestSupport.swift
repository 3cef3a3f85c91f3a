import Foundation
import XCTest
@testable import TLSPolicy

/// Shared helpers for the import tests: inline sources, the dataset's lint, and the
/// locations of the package root and the real-world corpus beside the checkout.
enum ImportTestSupport {
    /// The dataset's declared minimum (policy/dataset.cf).
    static let minimum = PostfixVersion(major: 3, minor: 5)

    static func source(_ text: String, name: String = "tls_policy") -> ImportSource {
        ImportSource(name: name, bytes: Array(text.utf8))
    }

    /// The package root: this file is Tests/TLSPolicyTests/Import/ImportTestSupport.swift.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// `../shared/corpus` beside the checkout; skips (never passes) the test when it is absent.
    static func corpusFile(_ name: String) throws -> ImportSource {
        let url = packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/corpus")
            .appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw XCTSkip("corpus file \(url.path) is not there (the shared corpus sits beside the checkout in CI)")
        }
        return ImportSource(name: url.path, bytes: [UInt8](data))
    }

    /// Lints imported files together, as one dataset, with the dataset rules.
    static func lint(_ files: [ImportedFile], version: PostfixVersion = minimum) -> LintReport {
        let rules = DatasetRules(options: LintOptions(rules: .dataset, postfixVersion: version),
                                 manifest: DatasetManifest(minimumPostfixVersion: version))
        return rules.lint(files.map { LintSource(name: $0.name, bytes: Array($0.text.utf8)) })
    }

    static func cswareImport(_ policy: String, dane: String? = nil) throws -> ImportReport {
        try CswareImporter(minimumPostfixVersion: minimum)
            .importTables(policy: source(policy), daneVariant: dane.map { source($0, name: "tls_policy-dane") })
    }

    static func effImport(_ json: String) throws -> ImportReport {
        try EFFPolicyImporter(minimumPostfixVersion: minimum).importPolicyList(source(json, name: "policy.json"))
    }

    static func files(_ report: ImportReport) throws -> [ImportedFile] {
        try ProviderFileBuilder(minimumPostfixVersion: minimum).files(for: report)
    }
}

extension ImportReport {
    /// The drop reason for `key`, if it was dropped.
    func dropReason(for key: String) -> ImportDropReason? {
        dropped.first { $0.key == key }?.reason
    }

    /// The kept entry for `key` (lower case).
    func keptEntry(_ key: String) -> ImportedEntry? {
        kept.first { $0.key == key }
    }
}
