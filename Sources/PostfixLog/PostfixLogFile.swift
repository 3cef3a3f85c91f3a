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
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw PostfixLogError.unreadable(path: url.path, reason: PostfixLogError.describe(error))
        }
        defer { try? handle.close() }
        // One buffer for the whole file, read into with read(2): FileHandle.read(upToCount:)
        // would make (and zero) a new Data for every block.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: blockSize, alignment: 16)
        defer { buffer.deallocate() }
        var splitter = PostfixLogLineSplitter()
        while true {
            let count = read(handle.fileDescriptor, buffer.baseAddress, blockSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw PostfixLogError.unreadable(path: url.path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            try splitter.consume(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), body)
        }
        try splitter.finish(body)
    }
}
