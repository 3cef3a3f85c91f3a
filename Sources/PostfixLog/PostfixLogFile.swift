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
        var splitter = PostfixLogLineSplitter()
        while true {
            let block: Data?
            do {
                block = try handle.read(upToCount: blockSize)
            } catch {
                throw PostfixLogError.unreadable(path: url.path, reason: PostfixLogError.describe(error))
            }
            guard let block, !block.isEmpty else { break }
            try block.withUnsafeBytes { try splitter.consume($0, body) }
        }
        try splitter.finish(body)
    }
}
