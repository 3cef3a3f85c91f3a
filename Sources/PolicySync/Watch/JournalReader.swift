import ExternalCommand
import Foundation

/// Reads the mail facility's new journal entries with `journalctl`, incrementally.
///
/// - The position is the last entry's cursor, kept in the agent's state and given back
///   as `--after-cursor`: it is written with the counts, in the run's one state write, so
///   an entry is counted once. journalctl's own `--cursor-file` is not used: a journalctl
///   whose output is cut off at the runner's bound still finishes its loop and writes the
///   last cursor, past entries nobody read (seen with systemd 252).
///   Without a cursor (the first run), `--lines` makes it the most recent entries.
/// - `SYSLOG_FACILITY=2` (mail): the entries rsyslog's `mail.*` rule would write to
///   `/var/log/mail.log`. It selects every Postfix instance whatever its `syslog_name`
///   (`postfix/smtp`, `postfix-out/smtp`) and unit (`postfix@-.service`, a second
///   instance's), which neither one `SYSLOG_IDENTIFIER` nor one `_SYSTEMD_UNIT` match does;
///   lines of other mail programs are skipped by the parser.
/// - `-o json`: the journal keeps program, PID, time and message as separate fields;
///   JSON hands them over as they are, with nothing to re-split, a message that is not
///   UTF-8 as bytes, and each entry's `__CURSOR`.
/// - `--lines` bounds one run's entries: a backlog is read over several runs.
struct JournalReader {
    /// A journal file to read instead of the system journal (`journal_file`).
    var journalFile: String?
    /// The most entries one run reads.
    var entryLimit: Int
    var runner: CommandRunner

    /// The arguments after `journalctl` for at most `lines` entries after `cursor`.
    func arguments(after cursor: String?, lines: Int) -> [String] {
        var arguments: [String] = []
        if let cursor { arguments.append("--after-cursor=\(cursor)") }
        if let journalFile { arguments.append("--file=\(journalFile)") }
        arguments += ["--no-pager", "--quiet", "--output=json",
                      "--output-fields=SYSLOG_IDENTIFIER,SYSLOG_PID,_PID,MESSAGE",
                      "--lines=\(lines)", "SYSLOG_FACILITY=2"]
        return arguments
    }

    /// The entries after `cursor`, oldest first, and the cursor to keep (the last
    /// entry's; `cursor` itself when there was none).
    ///
    /// Entries of unusual length could make `entryLimit` of them more than the runner
    /// keeps of one output: journalctl is then asked again for a tenth as many, so that
    /// a run always makes progress.
    func read(after cursor: String?) async throws(MailLogError) -> (entries: [JournalEntry], cursor: String?, capped: Bool) {
        var lines = entryLimit
        var result: CommandResult?
        while result == nil {
            do {
                result = try await runner.run("journalctl", arguments(after: cursor, lines: lines)).checked()
            } catch {
                guard case .outputLimitExceeded = error, lines > 1 else { throw .journal(reason: "\(error)") }
                lines /= 10
            }
        }
        guard let result else { throw .journal(reason: "no output") }
        let decoder = JSONDecoder()
        var entries: [JournalEntry] = []
        var last = cursor
        for line in result.stdout.split(separator: 0x0A, omittingEmptySubsequences: true) {
            // A line that is not an entry (there should be none) is skipped, not fatal.
            guard let entry = try? decoder.decode(JournalEntry.self, from: Data(line)) else { continue }
            entries.append(entry)
            last = entry.cursor ?? last
        }
        return (entries, last, entries.count >= lines)
    }
}
