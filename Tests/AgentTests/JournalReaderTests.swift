import ExternalCommand
import Foundation
@testable import PolicySync
import XCTest

/// journalctl through the journal reader on a real journal file (written by
/// systemd-journal-remote): each read starts after the cursor the last one returned, and
/// entries too long for the runner's output limit make it ask for fewer, neither stalling
/// nor skipping any (journalctl's own --cursor-file would skip them).
final class JournalReaderTests: XCTestCase {
    private static let journalRemote = "/lib/systemd/systemd-journal-remote"

    func testEachReadStartsAfterTheLastAndTooMuchOutputAsksForFewerEntries() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.journalRemote) else {
            throw XCTSkip("\(Self.journalRemote) is not installed (Debian package systemd-journal-remote, scripts/setup)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let journal = directory.appendingPathComponent("mail.journal").path
        func write(_ range: ClosedRange<Int>) async throws {
            var export = ""
            for index in range {
                export += "__REALTIME_TIMESTAMP=\(1_765_000_000_000_000 + index)\n_BOOT_ID=6f1c2a7e0d9b4c3a8e5f7a6b5c4d3e2f\n"
                export += "SYSLOG_FACILITY=\(index == 12 ? 3 : 2)\nSYSLOG_IDENTIFIER=postfix/smtp\nSYSLOG_PID=\(100 + index)\n"
                export += "MESSAGE=message \(index) " + String(repeating: "x", count: 150) + "\n\n"
            }
            let written = try await CommandRunner().run(Self.journalRemote, ["--output=\(journal)", "-"], input: Array(export.utf8))
            XCTAssertTrue(written.succeeded, written.stderrText)
        }
        func number(_ entry: JournalEntry) -> String { entry.message?.split(separator: " ").dropFirst().first.map(String.init) ?? "?" }
        let roomy = JournalReader(journalFile: journal, entryLimit: 1000, runner: CommandRunner())
        // Room for a few entries only: 1000, 100 and 10 entries are too much, 1 is read.
        let tight = JournalReader(journalFile: journal, entryLimit: 1000, runner: CommandRunner(outputLimit: 1500))
        var cursor: String?

        // The first read (no cursor yet) takes the journal as it is.
        try await write(1...5)
        let (first, afterFirst, firstCapped) = try await roomy.read(after: cursor)
        cursor = afterFirst
        XCTAssertEqual(first.map(number), ["1", "2", "3", "4", "5"])
        XCTAssertFalse(firstCapped)
        XCTAssertEqual(first.first?.processID, 101)
        XCTAssertEqual(first.first?.identifier, "postfix/smtp")

        // Then: after the cursor, in order, each once, facility 3 (daemon) left out.
        try await write(6...40)
        var numbers: [String] = []
        for _ in 0..<3 {
            let (entries, next, capped) = try await tight.read(after: cursor)
            cursor = next
            XCTAssertEqual(entries.count, 1)
            XCTAssertTrue(capped)
            numbers += entries.map(number)
        }
        XCTAssertEqual(numbers, ["6", "7", "8"])
        let (rest, afterRest, capped) = try await roomy.read(after: cursor)
        XCTAssertEqual(rest.map(number), (9...40).filter { $0 != 12 }.map(String.init))
        XCTAssertFalse(capped)
        let (none, unchanged, _) = try await roomy.read(after: afterRest)
        XCTAssertEqual(none.count, 0)
        XCTAssertEqual(unchanged, afterRest, "nothing new: the cursor stays")
    }
}
