/// Reads what is new in a plain mail log since the last run, following rotation.
///
/// - The position (device, inode, offset) is the agent's state: a run reads from there
///   to the end of the file, up to ``byteLimit`` bytes; what is left is read next run.
/// - Only complete lines are taken: a line the logger is still writing waits.
/// - Rotated (the name now holds another file): the rest of the old file is read where
///   logrotate and Postfix's `postfix logrotate` leave it, `FILE.1` (when its device and
///   inode are the old file's), then the new file from its start. A truncated file
///   (smaller than the offset: `copytruncate`) is read from its start.
/// - The first run, or a changed `mail_log`, reads the last ``byteLimit`` bytes of the
///   file from the first whole line: recent history, not the whole file.
struct MailLogFileReader {
    var path: String
    /// The most bytes one run reads, over both files of a rotation.
    var byteLimit: Int

    /// The lines after `position`, and the position to keep.
    func read(after position: MailLogPosition?) throws(MailLogError) -> (chunk: MailLogChunk, position: MailLogPosition) {
        guard let file = try MailLogFile.open(path) else {
            throw .unreadableFile(path: path, reason: "no such file")
        }
        var chunk = MailLogChunk(lines: [])
        var budget = byteLimit
        var start: UInt64 = 0
        var skipFirstPartialLine = false
        if let position, position.path == path {
            if file.isFile(of: position) {
                if file.size < position.offset {
                    chunk.notes.append("\(path) is shorter than the position read (truncated): reading it from its start")
                } else {
                    start = position.offset
                }
            } else if let rotated = try MailLogFile.open(path + ".1"), rotated.isFile(of: position),
                      rotated.size >= position.offset {
                chunk.notes.append("\(path) was rotated: finishing \(rotated.path), then the new file from its start")
                let end = try take(rotated, from: position.offset, budget: budget, skipFirstPartialLine: false,
                                   final: true, into: &chunk)
                if end < rotated.size {
                    // The budget ran out in the old file: the position stays in it, and the
                    // next run finds it at FILE.1 again.
                    var kept = position
                    kept.offset = end
                    return (chunk, kept)
                }
                budget -= Int(end - position.offset)
            } else {
                chunk.notes.append("\(path) was rotated and the old file is not at \(path).1: its unread rest is not counted")
            }
        } else if file.size > UInt64(byteLimit) {
            start = file.size - UInt64(byteLimit)
            skipFirstPartialLine = true
            chunk.notes.append("first read of \(path): starting \(byteLimit) bytes before its end")
        }
        let offset = try take(file, from: start, budget: budget, skipFirstPartialLine: skipFirstPartialLine,
                              final: false, into: &chunk)
        return (chunk, MailLogPosition(path: path, device: file.device, inode: file.inode, offset: offset))
    }

    /// Reads whole lines of `file` from `start` within `budget` bytes; the offset after
    /// them. `final`: the file is written no more (rotated), so a last line without its
    /// newline is taken too.
    private func take(_ file: MailLogFile, from start: UInt64, budget: Int, skipFirstPartialLine: Bool,
                      final: Bool, into chunk: inout MailLogChunk) throws(MailLogError) -> UInt64 {
        guard start < file.size else { return start }
        guard budget > 0 else {
            chunk.capped = true
            return start
        }
        let bytes = try file.read(from: start, limit: budget)
        let atEnd = start + UInt64(bytes.count) >= file.size
        let cut: Int
        if final, atEnd {
            cut = bytes.count
        } else if let lastNewline = bytes.lastIndex(of: 0x0A) {
            cut = lastNewline + 1
        } else if bytes.count == budget {
            // One line longer than a whole run's budget: no logger writes that; skip it.
            chunk.notes.append("\(file.path): \(budget) bytes without a line end at offset \(start): skipped")
            return start + UInt64(bytes.count)
        } else {
            return start
        }
        var body = bytes[..<cut]
        if skipFirstPartialLine, start > 0, try file.read(from: start - 1, limit: 1) != [0x0A] {
            guard let firstNewline = body.firstIndex(of: 0x0A) else { return start + UInt64(cut) }
            body = body[(firstNewline + 1)...]
        }
        chunk.lines += body.split(separator: 0x0A, omittingEmptySubsequences: true)
        let end = start + UInt64(cut)
        if end < file.size, bytes.count == budget { chunk.capped = true }
        return end
    }
}
