/// The complete lines one read of a mail log returned, and what the read had to say.
struct MailLogChunk: Sendable {
    /// Whole lines' bytes, without their newline, oldest first.
    var lines: [ArraySlice<UInt8>]
    /// Notes for the log: a rotation followed, a truncation, the read cap reached.
    var notes: [String] = []
    /// True when more was there than one run reads: the rest waits for the next run.
    var capped = false
}
