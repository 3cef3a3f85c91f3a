import ArgumentParser
import Foundation
import TLSPolicy

/// `discover`: reads this host's Postfix mail logs and turns the destinations mail really
/// goes to into dataset entries: coverage of the table, the top destinations and the TLS
/// each got, and, for those without an entry that got TLS, a probed line and provider files.
struct DiscoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Read Postfix mail logs: coverage, top destinations, and probed entries for those without one.",
        discussion: """
            Reads maillog_file, rsyslog's mail.log, or journalctl -o short-iso output (plain or gzip-compressed), \
            ties each delivery to the TLS line Postfix logged for it (needs smtp_tls_loglevel = 1), and matches \
            recipient domains to the table as Postfix does (the domain, then its .parent keys). Coverage is the \
            share of delivered messages (status=sent lines of the SMTP client) sent under an entry that requires \
            TLS. Only domains appear in the output, never recipient addresses.
            Exit status: 0 done; 2 usage or I/O error (a log or table that cannot be read, an output that cannot be written).
            """
    )

    @Option(name: .customLong("maillog"), help: ArgumentHelp("A Postfix mail log, plain or .gz (repeatable, oldest first).", valueName: "file"))
    var maillogs: [String] = []

    @Option(help: ArgumentHelp("The policy table to compare with (a Postfix table source). Default: policy/ rendered.", valueName: "file"))
    var table: String?

    @Option(help: "How many destinations to report (and to consider for entries).")
    var top: Int = 20

    @Option(help: ArgumentHelp("Write provider files for the suggested entries here (never overwriting a file).", valueName: "dir"))
    var output: String?

    @Option(help: "Output format: text, json or markdown.")
    var format: String = "text"

    @Flag(name: .customLong("no-probe"), help: "Do not probe: report coverage and destinations only.")
    var noProbe = false

    @OptionGroup var probeOptions: ProbeOptions

    @OptionGroup var target: TargetOptions

    func run() async throws {
        try await ExitCode.reportingErrors(of: "discover") { try await discover() }
    }

    private func discover() async throws {
        guard let outputFormat = DiscoverOutputFormat(rawValue: format) else {
            throw UsageError(description: "--format must be text, json or markdown, not '\(format)'")
        }
        guard !maillogs.isEmpty else { throw UsageError(description: "give at least one --maillog FILE") }
        guard top >= 1 else { throw UsageError(description: "--top must be at least 1") }
        if output != nil && noProbe { throw UsageError(description: "--output needs probed suggestions; drop --no-probe") }
        if let problem = probeOptions.problem { throw UsageError(description: problem) }

        // The table first: a table that cannot be read stops the run before the long read.
        // With --table, the dataset (if any) only gives the default Postfix version.
        let inputs = table == nil ? try InputFiles.resolve([]) : (try? InputFiles.resolve([])) ?? InputFiles(sources: [], dataset: nil)
        let (version, host) = try await target.resolve(for: inputs)
        let parser = PolicyValueParser(version: version, host: host)
        let policyTable = try table.map { try DiscoverTable.load(path: $0, parser: parser) }
            ?? DiscoverTable.rendered(inputs, parser: parser)

        var tally = DestinationTally()
        for path in maillogs {
            try await MailLogInput.tally(path: path, into: &tally)
        }
        var report = DiscoverAnalysis.report(tally: tally, table: policyTable, logs: maillogs, top: top)

        if !noProbe {
            let found = try await DiscoverSuggester(configuration: probeOptions.configuration)
                .suggest(DiscoverAnalysis.candidates(report))
            report.probed = true
            report.suggestions = found.suggestions
            report.rejected = found.rejected
        }
        if let output, !report.suggestions.isEmpty {
            let writer = DiscoverProviderFiles(minimumPostfixVersion: version, date: Self.today())
            report.files = try writer.write(try writer.files(for: report), to: output)
        }
        FileHandle.standardOutput.write(Data(try DiscoverRenderer.render(report, format: outputFormat).utf8))
    }

    /// Today's date in UTC, as the evidence header writes it.
    private static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}
