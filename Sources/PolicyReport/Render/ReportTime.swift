import Foundation

/// Times as the report prints them: ISO 8601 in UTC, to the second, so that the same
/// inputs always give the same bytes whatever the host's time zone.
enum ReportTime {
    static func text(_ date: Date) -> String {
        formatter.string(from: date)
    }

    /// Made once: the report formats a time or two for every entry, and setting up a
    /// formatter costs about a hundred formattings. (`Date.ISO8601FormatStyle` is no
    /// substitute: it truncates where this one rounds to the millisecond first, so a few
    /// times would print a second apart.)
    private static let formatter = SharedFormatter()

    private final class SharedFormatter: @unchecked Sendable {
        // @unchecked: `formatter` is only used while holding `lock`.
        private let lock = NSLock()
        private let formatter: ISO8601DateFormatter = {
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(secondsFromGMT: 0)
            formatter.formatOptions = [.withInternetDateTime]
            return formatter
        }()

        func string(from date: Date) -> String {
            lock.withLock { formatter.string(from: date) }
        }
    }

    /// A last-verified time, or `never` when the entry passed in none of the runs given.
    static func verified(_ date: Date?) -> String {
        date.map(text) ?? "never"
    }
}
