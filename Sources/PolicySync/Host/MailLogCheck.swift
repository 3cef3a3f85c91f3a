import ExternalCommand
import Foundation
import ReleaseTrust

/// `doctor`'s view of the delivery watch (`mail_log`): whether the log it would read now is
/// there to read, and whether the last run could read it. A watch that cannot read its log
/// never fails a sync (the map comes first), so this is where an administrator learns that
/// policy deferrals are going unseen.
public enum MailLogCheck {
    /// One finding for the log the watch reads, one more when the last run failed to read it.
    public static func run(_ configuration: AgentConfiguration, watch: DeliveryWatchState?,
                           programDirectories: [String] = ExecutableSearch.directories()) -> [HostCheck] {
        var checks: [HostCheck] = []
        let resolved = configuration.mailLog.resolved()
        let how = configuration.mailLog == .automatic ? " (mail_log unset: \(MailLogSetting.syslogMailLog) "
            + (resolved == .journal ? "does not exist)" : "exists)") : ""
        switch resolved {
        case .off, .automatic:
            return [.ok("mail_log = off: no delivery watch")]
        case .file(let path):
            checks.append(FileManager.default.isReadableFile(atPath: path)
                ? .ok("mail_log \(path) is readable\(how)")
                : .fail("mail_log \(path) is missing or unreadable\(how): TLS policy deferrals go unseen "
                    + "(name the file Postfix logs to, journal, or off)"))
        case .journal:
            if let file = configuration.journalFile {
                checks.append(FileManager.default.isReadableFile(atPath: file)
                    ? .ok("mail_log = journal, journal_file \(file) is readable")
                    : .fail("journal_file \(file) is missing or unreadable"))
            } else {
                do {
                    let journalctl = try ExecutableSearch.locate("journalctl", in: programDirectories)
                    checks.append(.ok("mail_log = journal\(how), read with \(journalctl)"))
                } catch {
                    checks.append(.fail("mail_log = journal\(how), but journalctl is not installed: "
                        + "TLS policy deferrals go unseen (name a log file, or off)"))
                }
            }
        }
        if let watch, let error = watch.lastError {
            let when = watch.lastErrorAt.map { " at \(ReleaseExpiry.format($0))" } ?? ""
            checks.append(.fail("the last run could not read \(watch.source ?? "the mail log")\(when): \(error)"))
        }
        return checks
    }
}
