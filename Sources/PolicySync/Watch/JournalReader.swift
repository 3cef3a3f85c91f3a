import ExternalCommand
import Foundation

/// Reads the mail facility's new journal entries with `journalctl`, incrementally.
///
/// - `--cursor-file`: journalctl itself starts after the cursor the file holds and writes
///   the last entry's cursor back when it has printed everything, so a run killed at its
///   deadline leaves the cursor where it was and the next run reads those entries again.
///   Without the file (the first run), `-n` makes it the most recent entries.
/// - `SYSLOG_FACILITY=2` (mail): the entries rsyslog's `mail.*` rule would write to
///   `/var/log/mail.log`. It selects every Postfix instance whatever its `syslog_name`
///   (`postfix/smtp`, `postfix-out/smtp`) and unit (`postfix@-.service`, a second
///   instance's), which neither one `SYSLOG_IDENTIFIER` nor one `_SYSTEMD_UNIT` match does;
///   lines of other mail programs are skipped by the parser.
/// - `-o json`: the journal keeps program, PID, time and message as separate fields;
///   JSON hands them over as they are, with nothing to re-split, and a message that is
///   not UTF-8 as bytes.
/// - `-n` bounds one run's entries: a backlog is read over several runs.
struct JournalReader {
    /// `STATE_DIRECTORY/journal.cursor`.
    var cursorFile: String
    /// A journal file to read instead of the system journal (`journal_file`).
    var journalFile: String?
    /// The most entries one run reads.
    var entryLimit: Int
    var runner: CommandRunner

    /// The arguments after `journalctl`.
    var arguments: [String] {
        var arguments = ["--cursor-file=\(cursorFile)"]
        if let journalFile { arguments.append("--file=\(journalFile)") }
        arguments += ["--no-pager", "--quiet", "--output=json",
                      "--output-fields=SYSLOG_IDENTIFIER,SYSLOG_PID,_PID,MESSAGE",
                      "--lines=\(entryLimit)", "SYSLOG_FACILITY=2"]
        return arguments
    }

    /// The new entries, oldest first.
    func read() async throws(MailLogError) -> (entries: [JournalEntry], capped: Bool) {
        let result: CommandResult
        do {
            result = try await runner.run("journalctl", arguments).checked()
        } catch {
            throw .journal(reason: "\(error)")
        }
        let decoder = JSONDecoder()
        var entries: [JournalEntry] = []
        for line in result.stdout.split(separator: 0x0A, omittingEmptySubsequences: true) {
            // A line that is not an entry (there should be none) is skipped, not fatal:
            // the cursor has moved past it already.
            if let entry = try? decoder.decode(JournalEntry.self, from: Data(line)) { entries.append(entry) }
        }
        return (entries, entries.count >= entryLimit)
    }
}
