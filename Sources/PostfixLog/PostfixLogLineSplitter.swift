#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a stream of bytes into lines, however the stream is cut into chunks.
///
/// Push-style so that any source can feed it: a file read in large blocks, or a
/// decompressor's output arriving through a pipe. Only the part of a line that spans two
/// chunks is copied; every other line is handed out in place.
public struct PostfixLogLineSplitter {
    /// Bytes of a line whose end has not arrived yet.
    private var carry: [UInt8] = []
    /// The longest line kept whole; longer ones are cut there (a log line is a few hundred
    /// bytes; a binary file given by mistake must not make one line of all its bytes).
    public let maximumLineLength: Int
    /// True after a line was cut, until its newline arrives: the rest of it is dropped.
    private var skippingRest = false
    /// Lines handed out so far (the 1-based number of the last one).
    public private(set) var lineNumber = 0

    /// A splitter that cuts lines longer than `maximumLineLength` bytes.
    public init(maximumLineLength: Int = 1 << 16) {
        self.maximumLineLength = maximumLineLength
    }

    /// Hands every complete line of `chunk` (without its newline) to `body`, keeping the rest.
    /// A line longer than ``maximumLineLength`` is handed out cut to that length.
    public mutating func consume(_ chunk: UnsafeRawBufferPointer,
                                 _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        let bytes = chunk.bindMemory(to: UInt8.self)
        let lines = LogBytes(bytes)
        var start = 0
        while start < bytes.count {
            if skippingRest {
                guard let newline = lines.firstIndex(of: 0x0A, from: start) else { return }
                skippingRest = false
                start = newline + 1
                continue
            }
            guard let newline = lines.firstIndex(of: 0x0A, from: start) else {
                carry.append(contentsOf: bytes[start...])
                if carry.count > maximumLineLength {
                    try emitCarry(body)
                    skippingRest = true
                }
                return
            }
            if carry.isEmpty {
                lineNumber += 1
                try body(UnsafeBufferPointer(rebasing: bytes[start..<newline]), lineNumber)
            } else {
                carry.append(contentsOf: bytes[start..<newline])
                try emitCarry(body)
            }
            start = newline + 1
        }
    }

    /// Hands out the last line if the stream did not end with a newline.
    public mutating func finish(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        if !carry.isEmpty { try emitCarry(body) }
    }

    private mutating func emitCarry(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        lineNumber += 1
        let number = lineNumber
        defer { carry.removeAll(keepingCapacity: true) }
        try carry.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0.prefix(maximumLineLength)), number) }
    }
}
