import Foundation
@testable import PolicySync
import XCTest

/// What one run of the delivery watch reads of a plain log file: whole new lines only,
/// within its byte budget, from the start again after a truncation, the rest of a
/// rotated file at FILE.1 before the new file.
final class MailLogFileReaderTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("maillog-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func append(_ text: String, to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    private func texts(_ chunk: MailLogChunk) -> [String] { chunk.lines.map { String(decoding: $0, as: UTF8.self) } }

    func testOnlyWholeNewLinesAreReadAndALineBeingWrittenWaits() throws {
        let path = directory.appendingPathComponent("mail.log").path
        let reader = MailLogFileReader(path: path, byteLimit: 1 << 20)
        try append("one\ntwo\nthr", to: path)
        let (first, position) = try reader.read(after: nil)
        XCTAssertEqual(texts(first), ["one", "two"])
        XCTAssertEqual(position.offset, 8)
        try append("ee\nfour\n", to: path)
        let (second, next) = try reader.read(after: position)
        XCTAssertEqual(texts(second), ["three", "four"])
        let (third, _) = try reader.read(after: next)
        XCTAssertEqual(texts(third), [])
    }

    func testATruncatedFileIsReadFromItsStart() throws {
        let path = directory.appendingPathComponent("mail.log").path
        let reader = MailLogFileReader(path: path, byteLimit: 1 << 20)
        try append("a long first line\nanother line\n", to: path)
        let (_, position) = try reader.read(after: nil)
        try FileHandle(forWritingAtPath: path)?.truncate(atOffset: 0)
        try append("new\n", to: path)
        let (chunk, after) = try reader.read(after: position)
        XCTAssertEqual(texts(chunk), ["new"])
        XCTAssertEqual(after.offset, 4)
        XCTAssertTrue(chunk.notes.contains { $0.contains("truncated") }, "\(chunk.notes)")
    }

    func testTheBudgetBoundsARunAndTheRestComesNext() throws {
        let path = directory.appendingPathComponent("mail.log").path
        let reader = MailLogFileReader(path: path, byteLimit: 10)
        try append("aaaa\nbbbb\n", to: path)
        var (chunk, position) = try reader.read(after: nil)
        XCTAssertEqual(texts(chunk), ["aaaa", "bbbb"])
        try append("cccc\ndddd\neeee\n", to: path)
        (chunk, position) = try reader.read(after: position)
        XCTAssertEqual(texts(chunk), ["cccc", "dddd"])
        XCTAssertTrue(chunk.capped)
        (chunk, position) = try reader.read(after: position)
        XCTAssertEqual(texts(chunk), ["eeee"])
        XCTAssertFalse(chunk.capped)
    }

    func testTheFirstReadOfALargeFileTakesItsTailFromAWholeLine() throws {
        let path = directory.appendingPathComponent("mail.log").path
        try append("0123456789\nabcdefghij\nklmnopqrst\n", to: path)
        let (chunk, position) = try MailLogFileReader(path: path, byteLimit: 15).read(after: nil)
        XCTAssertEqual(texts(chunk), ["klmnopqrst"], "the partial line at the cut is dropped")
        XCTAssertEqual(position.offset, 33)
    }

    func testARotatedFileIsFinishedAtFileDot1ThenTheNewFileFromItsStart() throws {
        let path = directory.appendingPathComponent("mail.log").path
        let reader = MailLogFileReader(path: path, byteLimit: 1 << 20)
        try append("old 1\n", to: path)
        let (_, position) = try reader.read(after: nil)
        try append("old 2\n", to: path)
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        try append("new 1\n", to: path)
        let (chunk, after) = try reader.read(after: position)
        XCTAssertEqual(texts(chunk), ["old 2", "new 1"])
        XCTAssertEqual(after.offset, 6)
        // The old file rotated further away (FILE.2): its rest is lost, said so, the new file read.
        try append("new 2\n", to: path)
        try FileManager.default.moveItem(atPath: path + ".1", toPath: path + ".2")
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        try append("newer 1\n", to: path)
        let (again, _) = try reader.read(after: after)
        XCTAssertEqual(texts(again), ["new 2", "newer 1"])
        try FileManager.default.moveItem(atPath: path + ".1", toPath: path + ".3")
        let (gone, _) = try reader.read(after: MailLogPosition(path: path, device: after.device, inode: after.inode, offset: 0))
        XCTAssertTrue(gone.notes.contains { $0.contains("not at \(path).1") }, "\(gone.notes)")
    }

    func testAMissingFileIsAnErrorNamingIt() {
        let path = directory.appendingPathComponent("absent.log").path
        XCTAssertThrowsError(try MailLogFileReader(path: path, byteLimit: 100).read(after: nil)) { error in
            XCTAssertEqual(error as? MailLogError, .unreadableFile(path: path, reason: "no such file"))
        }
    }
}
