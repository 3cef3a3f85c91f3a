import ExternalCommand
import Foundation
import PostfixLog

/// Reads one mail log file, plain or gzip-compressed, line by line without holding it.
/// A large plain file is read on every core (``MailLogParts``).
///
/// A compressed file (gzip's magic bytes, whatever its name) is decompressed by `gzip -dc`
/// through the project's one program runner, streaming: the project links no zlib of its
/// own, and gzip is on every Debian host (it is Essential). A plain file is read in blocks.
enum MailLogInput {
    /// Why a log could not be read.
    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    /// Adds the file at `path` to `tally`: a large plain file on every core
    /// (``MailLogParts``), anything else in one pass.
    static func tally(path: String, into tally: inout DestinationTally) async throws {
        tally.startFile()
        let url = URL(fileURLWithPath: path)
        let cores = min(ProcessInfo.processInfo.activeProcessorCount, 8)
        if try !isGzip(path), cores > 1,
           let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber,
           size.uint64Value >= MailLogParts.threshold {
            do {
                try MailLogParts.add(url, parts: cores, to: &tally)
            } catch let error as PostfixLogError {
                throw ReadError(description: error.description)
            }
            return
        }
        try await forEachLine(path: path) { tally.add(line: $0) }
    }

    /// Calls `body` with each line of the file at `path`, in one pass.
    static func forEachLine(path: String, runner: CommandRunner = CommandRunner(timeout: .seconds(3_600)),
                            _ body: (UnsafeBufferPointer<UInt8>) -> Void) async throws {
        let url = URL(fileURLWithPath: path)
        if try isGzip(path) {
            var splitter = PostfixLogLineSplitter()
            let result: CommandResult
            do {
                result = try await runner.stream("gzip", ["-dc", "--", path]) { block in
                    splitter.consume(block) { line, _ in body(line) }
                }
            } catch let error as CommandError {
                throw ReadError(description: "\(path): cannot decompress: \(error)")
            }
            guard result.succeeded else {
                let message = String(decoding: result.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                throw ReadError(description: "\(path): cannot decompress (gzip \(result.termination)): \(message)")
            }
            splitter.finish { line, _ in body(line) }
        } else {
            do {
                try PostfixLogFile.forEachLine(at: url) { line, _ in body(line) }
            } catch let error as PostfixLogError {
                throw ReadError(description: error.description)
            }
        }
    }

    /// True when the file starts with gzip's magic bytes (1f 8b).
    private static func isGzip(_ path: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
            throw ReadError(description: "\(path): cannot read the mail log: \(reason)")
        }
        defer { try? handle.close() }
        let magic: Data?
        do {
            magic = try handle.read(upToCount: 2)
        } catch {
            throw ReadError(description: "\(path): cannot read the mail log: \(error.localizedDescription)")
        }
        return magic.map(Array.init) == [0x1F, 0x8B]
    }
}
