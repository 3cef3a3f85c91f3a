import Foundation

/// Reads an uncompressed log file block by block, so that a file of a million lines is
/// never held in memory whole.
public enum PostfixLogFile {
    /// The size of one read: large enough that system calls cost nothing next to parsing.
    public static let blockSize = 1 << 20

    /// Calls `body` with each line of the file at `url` (bytes without the newline) and its
    /// 1-based line number.
    ///
    /// - Throws: ``PostfixLogError`` when the file cannot be opened or read; whatever `body` throws.
    public static func forEachLine(at url: URL, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        try forEachLine(at: url, in: nil, body)
    }

    /// Calls `body` with each line of `range` of the file (byte offsets; the range should
    /// start after a newline, see ``lineAlignedCuts(at:parts:)``), with line numbers counted
    /// from the range's start: for reading parts of one log on several cores.
    public static func forEachLine(at url: URL, in range: Range<UInt64>?,
                                   _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        let handle = try openForReading(url)
        defer { try? handle.close() }
        // One buffer for the whole file, read into with read(2): FileHandle.read(upToCount:)
        // would make (and zero) a new Data for every block.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: blockSize, alignment: 16)
        defer { buffer.deallocate() }
        if let range {
            do {
                try handle.seek(toOffset: range.lowerBound)
            } catch {
                throw PostfixLogError.unreadable(path: url.path, reason: PostfixLogError.describe(error))
            }
        }
        var remaining = range.map { $0.upperBound - $0.lowerBound } ?? UInt64.max
        var splitter = PostfixLogLineSplitter()
        while remaining > 0 {
            let count = read(handle.fileDescriptor, buffer.baseAddress, Int(min(UInt64(blockSize), remaining)))
            if count < 0 {
                if errno == EINTR { continue }
                throw PostfixLogError.unreadable(path: url.path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            remaining -= UInt64(count)
            try splitter.consume(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), body)
        }
        try splitter.finish(body)
    }

    /// Offsets that cut the file into `parts` ranges of about equal size, each starting
    /// just after a newline: `[0, c1, …, size]`. Fewer parts when lines are longer than a
    /// part (a cut never falls inside a line).
    public static func lineAlignedCuts(at url: URL, parts: Int) throws -> [UInt64] {
        let handle = try openForReading(url)
        defer { try? handle.close() }
        do {
            let size = try handle.seekToEnd()
            var cuts: [UInt64] = [0]
            guard parts > 1, size > 0 else { return [0, size] }
            for part in 1..<parts {
                var offset = max(size / UInt64(parts) * UInt64(part), cuts[cuts.count - 1])
                try handle.seek(toOffset: offset)
                // Look for the next newline, a block at a time.
                var found = false
                while !found, let block = try handle.read(upToCount: 4_096), !block.isEmpty {
                    if let newline = block.firstIndex(of: 0x0A) {
                        offset += UInt64(newline - block.startIndex) + 1
                        found = true
                    } else {
                        offset += UInt64(block.count)
                    }
                }
                if found, offset < size, offset > cuts[cuts.count - 1] { cuts.append(offset) }
            }
            cuts.append(size)
            return cuts
        } catch {
            throw PostfixLogError.unreadable(path: url.path, reason: PostfixLogError.describe(error))
        }
    }

    /// The file opened for reading, or ``PostfixLogError/unreadable(path:reason:)`` saying why not.
    private static func openForReading(_ url: URL) throws(PostfixLogError) -> FileHandle {
        do {
            return try FileHandle(forReadingFrom: url)
        } catch {
            throw PostfixLogError.unreadable(path: url.path, reason: PostfixLogError.describe(error))
        }
    }
}
