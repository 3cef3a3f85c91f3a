import ArgumentParser
import DurableFiles
import Foundation
import PolicyReport

/// `report`: merges `probe --format json` results (the shards of one run, runs over time)
/// into DIR/report.md and one self-contained DIR/report.html.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Merge probe JSON results into a Markdown report and a self-contained HTML page.",
        discussion: """
            Each RESULTS.json is the output of `probe --format json`. Entries from every file are \
            merged by key: the newest run's result wins, and an entry's last-verified time is the \
            newest run in which it passed. A file's run time is the `started` time probe wrote into it, else its \
            modification time. \
            A blind run (probe JSON whose blindRunner is set: its host could not reach port 25) is \
            refused, never merged: its unreachable verdicts are no results. \
            Exit status: 0 written; 1 a blind run refused (the file named on stderr, nothing written); \
            2 usage or I/O error (an input that is unreadable or not probe \
            JSON, file and reason on stderr; an output that cannot be written).
            """
    )

    @Argument(help: "Probe results files (probe --format json).")
    var results: [String]

    @Option(name: .shortAndLong, help: "Directory to write report.md and report.html into (created if missing).")
    var output: String

    @Option(help: "The report's title.")
    var title: String = "TLS policy report"

    func validate() throws {
        guard !results.isEmpty else { throw ValidationError("give at least one RESULTS.json file") }
    }

    func run() throws {
        do {
            let files = try results.map(Self.read)
            let merged = ReportMerger.merge(files)
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            let directory = URL(fileURLWithPath: output)
            try DurableFileSystem.replaceAtomically(directory.appendingPathComponent("report.md").path,
                                                    bytes: Array(MarkdownReportRenderer(title: title).render(merged).utf8))
            try DurableFileSystem.replaceAtomically(directory.appendingPathComponent("report.html").path,
                                                    bytes: Array(HTMLReportRenderer(title: title).render(merged).utf8))
        } catch ReportInputError.blindRun(let file, let message) {
            FileHandle.standardError.write(Data("tls-policy-validator report: \(ReportInputError.blindRun(file: file, message: message))\n".utf8))
            throw ExitCode.failure
        } catch {
            FileHandle.standardError.write(Data("tls-policy-validator report: \(error)\n".utf8))
            throw ExitCode.usageOrIOError
        }
    }

    /// Reads one results file; its modification time stands for the run's time.
    private static func read(_ path: String) throws(ReportInputError) -> ProbeResultsFile {
        let data: Data
        let modified: Date
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            guard let date = attributes[.modificationDate] as? Date else {
                throw ReportInputError.unreadable(file: path, reason: "no modification time")
            }
            modified = date
        } catch let error as ReportInputError {
            throw error
        } catch {
            let reason = (error as NSError).userInfo[NSUnderlyingErrorKey].map { "\($0)" } ?? error.localizedDescription
            throw .unreadable(file: path, reason: reason)
        }
        return try ProbeResultsFile(decoding: data, name: path, runTime: modified)
    }
}
