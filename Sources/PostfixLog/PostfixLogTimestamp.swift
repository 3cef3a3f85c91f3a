import Foundation

/// When a log line was written, as precisely as its format says.
///
/// A traditional syslog stamp (`Dec  5 23:52:50`, what Postfix's own `maillog_file` and
/// rsyslog's traditional format write) has neither year nor time zone, so it stays a
/// wall-clock reading until a caller supplies both; an RFC 3339 stamp (Debian 12's
/// rsyslog default) and a journal entry's realtime are instants.
public enum PostfixLogTimestamp: Sendable, Hashable {
    /// A point in time: RFC 3339 with its UTC offset, or the journal's `__REALTIME_TIMESTAMP`.
    case instant(Date)
    /// A syslog wall-clock reading without year or zone.
    case wallClock(month: Int, day: Int, hour: Int, minute: Int, second: Int)

    /// The instant this stamp names; for a wall-clock stamp, read in `year` and `timeZone`.
    /// Nil when the wall-clock fields do not make a date in that year (29 February).
    public func date(year: Int, timeZone: TimeZone = .current) -> Date? {
        switch self {
        case .instant(let date):
            return date
        case .wallClock(let month, let day, let hour, let minute, let second):
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
            guard let date = calendar.date(from: components),
                  calendar.component(.day, from: date) == day else { return nil }
            return date
        }
    }

    /// The instant of a journal entry's `__REALTIME_TIMESTAMP` (microseconds since the epoch, decimal).
    public init?(journalRealtime microseconds: String) {
        guard let value = UInt64(microseconds) else { return nil }
        self = .instant(Date(timeIntervalSince1970: Double(value) / 1_000_000))
    }

    // MARK: Parsing (bytes)

    private static let months: [StaticString] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Parses the stamp that starts a line; returns it with the index just past it.
    static func parse(_ bytes: LogBytes) -> (timestamp: PostfixLogTimestamp, end: Int)? {
        guard bytes.count >= 15 else { return nil }
        if isDigit(bytes[0]) { return parseRFC3339(bytes) }
        return parseTraditional(bytes)
    }

    /// `Mmm dD HH:MM:SS`, optionally followed by `.fraction` (rsyslog's high-precision variant).
    private static func parseTraditional(_ bytes: LogBytes) -> (timestamp: PostfixLogTimestamp, end: Int)? {
        guard let monthIndex = months.firstIndex(where: { bytes.hasPrefix($0, at: 0) }), bytes[3] == 0x20 else { return nil }
        let dayStart = bytes[4] == 0x20 ? 5 : 4
        guard let day = bytes.decimal(dayStart, 6), bytes[6] == 0x20,
              let hour = bytes.decimal(7, 9), bytes[9] == 0x3A,
              let minute = bytes.decimal(10, 12), bytes[12] == 0x3A,
              let second = bytes.decimal(13, 15) else { return nil }
        var end = 15
        if end < bytes.count, bytes[end] == 0x2E {
            end += 1
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        }
        return (.wallClock(month: monthIndex + 1, day: day, hour: hour, minute: minute, second: second), end)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.ffffff](Z|±HH:MM|±HHMM)`.
    private static func parseRFC3339(_ bytes: LogBytes) -> (timestamp: PostfixLogTimestamp, end: Int)? {
        guard bytes.count >= 20,
              let year = bytes.decimal(0, 4), bytes[4] == 0x2D,
              let month = bytes.decimal(5, 7), bytes[7] == 0x2D,
              let day = bytes.decimal(8, 10), bytes[10] == 0x54 || bytes[10] == 0x74,
              let hour = bytes.decimal(11, 13), bytes[13] == 0x3A,
              let minute = bytes.decimal(14, 16), bytes[16] == 0x3A,
              let second = bytes.decimal(17, 19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            var scale = 0.1
            while index < bytes.count, isDigit(bytes[index]) {
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
        }
        guard index < bytes.count else { return nil }
        var offsetSeconds = 0
        if bytes[index] == 0x5A || bytes[index] == 0x7A {
            index += 1
        } else if bytes[index] == 0x2B || bytes[index] == 0x2D, index + 5 <= bytes.count,
                  let offsetHours = bytes.decimal(index + 1, index + 3) {
            // `+01:00` (RFC 3339, rsyslog) or `+0100` (journalctl -o short-iso).
            let minutesAt = bytes[index + 3] == 0x3A ? index + 4 : index + 3
            guard minutesAt + 2 <= bytes.count, let offsetMinutes = bytes.decimal(minutesAt, minutesAt + 2) else { return nil }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (bytes[index] == 0x2D ? -1 : 1)
            index = minutesAt + 2
        } else {
            return nil
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds) + fraction
        return (.instant(Date(timeIntervalSince1970: seconds)), index)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's civil-date algorithm),
    /// so that a million stamps need no calendar object.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
