/// One line of a Postfix log, split into its parts: who logged it, when, and the message.
///
/// Three sources give the same parts:
/// - Postfix's own `maillog_file` (postlogd): `Dec  5 23:52:50 HOST postfix/smtp[PID]: MESSAGE`;
/// - rsyslog's `/var/log/mail.log`, in Debian 12's RFC 3339 format
///   (`2026-12-05T23:52:50.123456+00:00 HOST postfix/smtp[PID]: MESSAGE`) or the traditional one;
/// - the journal, whose fields already separate them (`SYSLOG_IDENTIFIER`, `_PID`, `MESSAGE`,
///   `__REALTIME_TIMESTAMP`): ``init(program:pid:message:timestamp:host:)`` takes them as given,
///   with no syslog prefix to re-parse.
///
/// ``record`` is what the line reports, if it is a line this library understands.
public struct PostfixLogLine: Sendable, Hashable {
    /// When the line was written, if the line says so in a known format.
    public let timestamp: PostfixLogTimestamp?
    /// The host name of the syslog prefix (empty for journal entries unless given).
    public let host: String
    /// The logging program: `postfix/smtp`, `postfix/qmgr`, `postfix-out/smtp`...
    public let program: String
    /// The logging process's PID.
    public let pid: Int
    /// Everything after `PROGRAM[PID]: `.
    public let message: String

    /// Parses one line of a syslog-shaped log (either file format); nil for lines of another shape.
    public init?(parsing text: String) {
        var text = text
        let parsed: PostfixLogLine? = text.withUTF8 { buffer in
            let bytes = LogBytes(buffer)
            guard let prefix = PostfixLogPrefix.parse(bytes) else { return nil }
            return PostfixLogLine(program: bytes.string(prefix.programStart, prefix.programEnd),
                                  pid: prefix.pid,
                                  message: bytes.string(prefix.messageStart, bytes.count),
                                  timestamp: PostfixLogPrefix.timestamp(bytes),
                                  host: bytes.string(prefix.hostStart(bytes), prefix.hostEnd))
        }
        guard let parsed else { return nil }
        self = parsed
    }

    /// A line whose parts come separately, as a journal entry gives them.
    ///
    /// - Parameters:
    ///   - program: `SYSLOG_IDENTIFIER`, e.g. `postfix/smtp`.
    ///   - pid: `_PID` (or `SYSLOG_PID`).
    ///   - message: `MESSAGE`.
    ///   - timestamp: from `__REALTIME_TIMESTAMP`, see ``PostfixLogTimestamp/init(journalRealtime:)``.
    public init(program: String, pid: Int, message: String, timestamp: PostfixLogTimestamp? = nil, host: String = "") {
        self.timestamp = timestamp
        self.host = host
        self.program = program
        self.pid = pid
        self.message = message
    }

    /// True for `warning: ...` messages.
    public var isWarning: Bool { message.hasPrefix("warning: ") }

    /// The delivery status or TLS connection this line reports; nil for any other message.
    public var record: PostfixLogRecord? {
        var message = message
        return message.withUTF8 { buffer in
            PostfixLogRecord.parseMessage(LogBytes(buffer), from: 0, program: program, pid: pid, timestamp: { timestamp })
        }
    }
}
