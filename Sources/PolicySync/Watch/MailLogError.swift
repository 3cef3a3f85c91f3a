/// Why the delivery watch could not read Postfix's log. Never fails a sync: the run
/// records it (warning, metric, `status`) and deploys as it would have.
public enum MailLogError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The log file could not be opened, examined or read.
    case unreadableFile(path: String, reason: String)
    /// `journalctl` could not run, ran too long, or failed.
    case journal(reason: String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason): "cannot read the mail log \(path): \(reason)"
        case .journal(let reason): "cannot read the journal: \(reason)"
        }
    }
}
