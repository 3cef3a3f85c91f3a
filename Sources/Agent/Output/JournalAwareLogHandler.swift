import Foundation
import Logging

/// swift-log's handler for the agent: one line per message on standard error, with the
/// level, the metadata and, under journald, the syslog priority prefix (see
/// ``StandardError``).
struct JournalAwareLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    private let label: String

    init(label: String) {
        self.label = label
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Prints the event; its source, file and line are left out.
    func log(event: LogEvent) {
        let (level, message) = (event.level, event.message)
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        // journald stamps entries itself; elsewhere the time helps reading a log file.
        let time = StandardError.isJournal ? "" : Self.timestamp() + " "
        StandardError.write("\(time)\(level) \(label): \(message)\(fields.isEmpty ? "" : " [\(fields)]")",
                            priority: Self.priority(level))
    }

    static func priority(_ level: Logger.Level) -> StandardError.Priority {
        switch level {
        case .trace, .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        case .critical: .critical
        }
    }

    private static func timestamp() -> String {
        Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
    }
}
