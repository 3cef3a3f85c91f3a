import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Standard error, where the agent's logs and error messages go.
///
/// Under systemd, when standard error is the journal (`JOURNAL_STREAM` names the same
/// device and inode as file descriptor 2), each line starts with its syslog priority
/// (`<3>` for an error), which journald reads as the entry's priority, so that
/// `journalctl -p err -u tls-policy-agent` shows what failed. Anywhere else the lines
/// are plain.
enum StandardError {
    /// syslog priorities, as journald's stream protocol takes them (`<N>` prefix).
    enum Priority: Int {
        case critical = 2, error = 3, warning = 4, notice = 5, info = 6, debug = 7
    }

    /// True when file descriptor 2 is the stream `JOURNAL_STREAM` names.
    static let isJournal: Bool = {
        guard let value = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var status = stat()
        guard fstat(2, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }()

    /// Writes `text` (one or more lines) with `priority`.
    static func write(_ text: String, priority: Priority) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var output = ""
        for (index, line) in lines.enumerated() where !(line.isEmpty && index == lines.count - 1) {
            output += (isJournal ? "<\(priority.rawValue)>" : "") + line + "\n"
        }
        FileHandle.standardError.write(Data(output.utf8))
    }

    /// `Error: MESSAGE`, at error priority.
    static func error(_ message: String) {
        write("Error: \(message)", priority: .error)
    }
}
