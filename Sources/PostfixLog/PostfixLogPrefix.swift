/// Where the parts of a syslog-shaped line are: `STAMP HOST PROGRAM[PID]: MESSAGE`.
///
/// Indices only, so that a caller that skips most lines makes no String for them, and
/// reads no time stamp: ``timestamp(_:)`` parses it for the lines that need it.
struct PostfixLogPrefix {
    /// The end of the host word (the space before the program).
    let hostEnd: Int
    let programStart: Int
    let programEnd: Int
    let pid: Int
    /// First byte of the message, just after `]: `.
    let messageStart: Int

    /// Parses the prefix of `bytes`; nil for a line of another shape.
    ///
    /// The program token is the last word before the first `]: `, and the host the word
    /// before that: Postfix's program names (`postfix/smtp`, `postfix-out/smtp`) have no
    /// spaces, while messages may contain anything after the prefix.
    ///
    /// With `programSuffix`, also nil for a line whose program name does not end with it,
    /// found before the PID is read: a caller that wants one program's lines pays little for
    /// the others.
    static func parse(_ bytes: LogBytes, programSuffix: StaticString? = nil) -> PostfixLogPrefix? {
        // A PID is at most 10 digits, a program name short: look for "]: " near the start only,
        // so a message that happens to contain "]: " never moves the split.
        let searchEnd = min(bytes.count, 512)
        guard let close = bytes.find(.prefixEnd, from: 0, end: searchEnd),
              let open = bytes.lastIndex(of: 0x5B, from: 0, end: close) else { return nil }
        if let programSuffix {
            // The suffix's bytes hold no space, so they lie inside the program word.
            guard bytes.hasPrefix(programSuffix, at: open - programSuffix.utf8CodeUnitCount) else { return nil }
        }
        guard let pid = bytes.decimal(open + 1, close),
              let space = bytes.lastIndex(of: 0x20, from: 0, end: open) else { return nil }
        let programStart = space + 1
        guard programStart < open else { return nil }
        return PostfixLogPrefix(hostEnd: space, programStart: programStart, programEnd: open, pid: pid, messageStart: close + 3)
    }

    /// The line's stamp, if it starts with one this parser knows.
    static func timestamp(_ bytes: LogBytes) -> PostfixLogTimestamp? {
        PostfixLogTimestamp.parse(bytes)?.timestamp
    }

    /// The first byte of the host word: after the stamp and its spaces.
    func hostStart(_ bytes: LogBytes) -> Int {
        var start = PostfixLogTimestamp.parse(bytes)?.end ?? 0
        while start < hostEnd, bytes[start] == 0x20 { start += 1 }
        return min(start, hostEnd)
    }
}
