import DurableFiles
import Foundation
import TLSPolicy

/// The suggested lines as dataset provider files, ready for a pull request: grouped by
/// provider as `import` groups them, with the evidence header that says where they come
/// from, canonical by construction (``ProviderFileBuilder``), so `lint --rules dataset` accepts them.
struct DiscoverProviderFiles {
    var minimumPostfixVersion: PostfixVersion
    /// The day the log was read (UTC, `YYYY-MM-DD`), for the evidence header.
    var date: String

    /// Why files cannot be written.
    struct WriteError: Error, CustomStringConvertible {
        var description: String
    }

    /// The files for `suggestions`, sorted by name.
    func files(for report: DiscoverReport) throws -> [ImportedFile] {
        let delivered = Dictionary(uniqueKeysWithValues: report.destinations.map { ($0.domain, $0) })
        var entries: [ImportedEntry] = []
        var verdicts: [String: String] = [:]
        for suggestion in report.suggestions {
            let parser = PolicyValueParser(version: minimumPostfixVersion)
            let table = PolicyTable(file: "suggestion", bytes: Array((suggestion.line + "\n").utf8), parser: parser)
            guard let entry = table.records.first?.entry else {
                throw WriteError(description: "\(suggestion.domain): the suggested line does not parse: \(suggestion.line)")
            }
            var comments: [String] = []
            if let destination = delivered[suggestion.domain] {
                comments.append("Observed: \(destination.delivered) message(s) delivered, TLS \(DiscoverReport.tlsSummary(destination.tls))")
            }
            comments.append("Probe: \(suggestion.why)")
            verdicts[entry.key.folded] = entry.level.rawValue
            entries.append(ImportedEntry(entry: entry, comments: comments,
                                         dane: suggestion.annotations.contains(EntryAnnotation.dane.commentLine),
                                         origin: ImportLocation(file: "mail log", line: nil)))
        }
        let builder = ProviderFileBuilder(minimumPostfixVersion: minimumPostfixVersion)
        return try ProviderGrouping().group(entries).map { group in
            let levels = Set(group.entries.compactMap { verdicts[$0.key] }).sorted().reversed().joined(separator: "/")
            let evidence = "observed from this host's mail log on \(date), probe verdict \(levels)"
            do {
                return try builder.file(for: group, evidence: evidence)
            } catch {
                throw WriteError(description: "\(group.provider.fileName): \(error)")
            }
        }
    }

    /// Writes `files` into `directory` (created if needed). An existing file is never
    /// overwritten: if any exists, nothing is written.
    func write(_ files: [ImportedFile], to directory: String) throws -> [String] {
        let paths = files.map { (directory as NSString).appendingPathComponent($0.name) }
        let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
        guard existing.isEmpty else {
            throw WriteError(description: "\(existing.joined(separator: ", ")): exists; discover never overwrites a file; nothing written")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw WriteError(description: "\(directory): cannot create the directory: \(error.localizedDescription)")
        }
        do throws(DurableFileError) {
            for (file, path) in zip(files, paths) {
                try DurableFileSystem.replaceAtomically(path, bytes: Array(file.text.utf8), mode: 0o644)
            }
        } catch {
            throw WriteError(description: "\(error)")
        }
        return paths
    }
}
