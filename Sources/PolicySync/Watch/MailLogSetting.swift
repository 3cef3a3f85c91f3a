import Foundation

/// Where the delivery watch reads Postfix's log (`mail_log` in `agent.cf`).
public enum MailLogSetting: Sendable, Equatable, CustomStringConvertible {
    /// Not set: `/var/log/mail.log` when that file exists (rsyslog's mail facility),
    /// else the journal. Debian 12 installs no syslog daemon by default, so there
    /// Postfix's lines are only in journald.
    case automatic
    /// A plain log file: rsyslog's `/var/log/mail.log`, or Postfix's own `maillog_file`.
    case file(String)
    /// journald, read with `journalctl`.
    case journal
    /// No delivery watch.
    case off

    /// The file rsyslog writes the mail facility to on Debian.
    public static let syslogMailLog = "/var/log/mail.log"

    /// `off`, `journal`, or an absolute path.
    static func parse(_ text: String) -> Result<MailLogSetting, ReasonText> {
        switch text {
        case "off": return .success(.off)
        case "journal": return .success(.journal)
        default:
            guard text.hasPrefix("/") else { return .failure("expected off, journal or an absolute path") }
            guard !text.contains(where: { $0 == " " || $0 == "\t" }) else {
                return .failure("a path with whitespace is not supported")
            }
            return .success(.file(text))
        }
    }

    /// What this setting means on this host now: ``automatic`` decided by whether
    /// ``syslogMailLog`` exists.
    public func resolved(fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) -> MailLogSetting {
        guard self == .automatic else { return self }
        return fileExists(MailLogSetting.syslogMailLog) ? .file(MailLogSetting.syslogMailLog) : .journal
    }

    public var description: String {
        switch self {
        case .automatic: "automatic"
        case .file(let path): path
        case .journal: "journal"
        case .off: "off"
        }
    }
}
