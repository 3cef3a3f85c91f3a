import Foundation

/// Times as the report prints them: ISO 8601 in UTC, to the second, so that the same
/// inputs always give the same bytes whatever the host's time zone.
enum ReportTime {
    static func text(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// A last-verified time, or `never` when the entry passed in none of the runs given.
    static func verified(_ date: Date?) -> String {
        date.map(text) ?? "never"
    }
}
