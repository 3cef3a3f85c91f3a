import Foundation

/// The stable JSON schema (version 1):
/// `{"version":1,"diagnostics":[{"file","line","column","severity","rule","message","key"?}],
///   "summary":{"files","entries","errors","warnings"}}`.
/// Keys are sorted, so the output is byte-for-byte deterministic.
enum JSONDiagnosticFormatter {
    struct Document: Encodable {
        struct Summary: Encodable {
            var files: Int
            var entries: Int
            var errors: Int
            var warnings: Int
        }

        var version = 1
        var diagnostics: [Diagnostic]
        var summary: Summary
    }

    static func render(_ report: LintReport) -> String {
        let document = Document(
            diagnostics: report.diagnostics,
            summary: .init(files: report.files, entries: report.entries, errors: report.errorCount,
                           warnings: report.warningCount))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and integers cannot fail; an empty document is still valid JSON.
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
