import Foundation
import PolicyDeploy
import XCTest

/// Every external command runs with a deadline.
final class ToolRunnerTests: XCTestCase {
    func testCommandPastItsDeadlineIsKilledWithATypedError() async throws {
        let runner = ToolRunner(timeout: .milliseconds(300))
        let started = Date()
        do {
            _ = try await runner.run("sleep", ["30"])
            XCTFail("sleep 30 finished within 300 ms")
        } catch {
            guard case .toolTimedOut(let argv, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(argv, ["sleep", "30"])
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }

    func testExitStatusAndOutputAreReported() async throws {
        let result = try await ToolRunner().run("sh", ["-c", "printf out; printf err >&2; exit 3"])
        XCTAssertEqual(result.exitStatus, 3)
        XCTAssertEqual(result.outputText, "out")
        XCTAssertEqual(result.errorText, "err")
        XCTAssertFalse(result.succeeded)
    }

    func testMissingProgramIsALaunchError() async throws {
        do {
            _ = try await ToolRunner().run("no-such-program-tls-policy", [])
            XCTFail("ran a program that does not exist")
        } catch {
            guard case .toolLaunchFailed = error else { return XCTFail("\(error)") }
        }
    }
}
