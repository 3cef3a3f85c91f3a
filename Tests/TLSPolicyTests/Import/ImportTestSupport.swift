import Foundation
import TLSPolicyLab
import XCTest
@testable import TLSPolicy

/// Shared helpers for the import tests: inline sources, the dataset's lint, the package
/// root and the public corpus (``PublicCorpus``).
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

    /// A file of the public corpus; skips (never passes) the test when it is absent.
    static func corpusFile(_ name: String) throws -> ImportSource {
        guard let url = PublicCorpus.file(name), let data = FileManager.default.contents(atPath: url.path) else {
            throw XCTSkip(PublicCorpus.absence(name))
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
