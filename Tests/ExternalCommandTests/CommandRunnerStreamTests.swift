import ExternalCommand
import Foundation
import XCTest

/// Streaming a command's output: every byte reaches the consumer in order, and the deadline
/// still kills the command.
final class CommandRunnerStreamTests: XCTestCase {
    func testOutputLargerThanOnePipeArrivesWholeAndInOrder() async throws {
        // seq prints 1..200000, about 1.3 MB: many pipe blocks.
        var text: [UInt8] = []
        var blocks = 0
        let result = try await CommandRunner().stream("seq", ["1", "200000"]) { block in
            blocks += 1
            text.append(contentsOf: block)
        }
        XCTAssertEqual(result.termination, .exited(0))
        XCTAssertTrue(result.stdout.isEmpty, "streamed output is not collected too")
        XCTAssertGreaterThan(blocks, 1)
        let lines = String(decoding: text, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, 200_000)
        XCTAssertEqual(lines.last, "200000")
    }

    func testStreamPastItsDeadlineIsKilledWithATypedError() async throws {
        let started = Date()
        do {
            _ = try await CommandRunner(timeout: .milliseconds(300)).stream("sleep", ["30"]) { _ in }
            XCTFail("sleep 30 finished within 300 ms")
        } catch let error as CommandError {
            guard case .timedOut(let argv, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(argv, ["sleep", "30"])
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }

    func testConsumerErrorStopsTheCommand() async throws {
        struct Enough: Error {}
        let started = Date()
        do {
            // `yes` never ends by itself: only the consumer's error can stop it.
            _ = try await CommandRunner(timeout: .seconds(30)).stream("yes", []) { _ in throw Enough() }
            XCTFail("the consumer's error was not thrown")
        } catch is Enough {
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }
}
