import ExternalCommand
import Foundation
import TLSPolicyLab
import XCTest

/// Every external command runs in its own process group, with a deadline and an output bound.
final class CommandRunnerTests: XCTestCase {
    func testCommandPastItsDeadlineIsKilledWithATypedError() async throws {
        let runner = CommandRunner(timeout: .milliseconds(300))
        let started = Date()
        do {
            _ = try await runner.run("sleep", ["30"])
            XCTFail("sleep 30 finished within 300 ms")
        } catch {
            guard case .timedOut(let argv, let after) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(argv, ["sleep", "30"])
            XCTAssertEqual(after, .milliseconds(300))
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }

    func testTheDeadlineKillsWhatTheCommandStarted() async throws {
        // The shell starts a grandchild and prints its PID; the deadline must end both,
        // as `postfix` must not leave `postfix-script` and its children behind.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let pidFile = scratch.appendingPathComponent("pid").path
        let runner = CommandRunner(timeout: .milliseconds(500))
        do {
            _ = try await runner.run("sh", ["-c", "sleep 30 & echo $! > '\(pidFile)'; wait"])
            XCTFail("the shell finished within 500 ms")
        } catch {
            guard case .timedOut = error else { return XCTFail("\(error)") }
        }
        let text = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let grandchild = try XCTUnwrap(pid_t(text), "no PID in \(pidFile)")
        // Bounded wait: the kill is sent before run returns, but the kernel reaps on its own time.
        var alive = true
        for _ in 0..<100 where alive {
            alive = ProcessTable.isRunning(grandchild)
            if alive { try await Task.sleep(for: .milliseconds(20)) }
        }
        XCTAssertFalse(alive, "the grandchild \(grandchild) outlived the deadline")
    }

    func testExitStatusAndOutputAreReported() async throws {
        let result = try await CommandRunner().run("sh", ["-c", "printf out; printf err >&2; exit 3"])
        XCTAssertEqual(result.exitStatus, 3)
        XCTAssertEqual(result.termination, .exited(3))
        XCTAssertEqual(result.stdoutText, "out")
        XCTAssertEqual(result.stderrText, "err")
        XCTAssertFalse(result.succeeded)
        XCTAssertThrowsError(try result.checked()) { error in
            guard case CommandError.failed(let argv, .exited(3), "err") = error else { return XCTFail("\(error)") }
            XCTAssertEqual(argv.first, "sh")
        }
    }

    func testStandardInputIsGiven() async throws {
        let result = try await CommandRunner().run("tr", ["a-z", "A-Z"], input: Array("policy\n".utf8))
        XCTAssertEqual(try result.checked().stdoutText, "POLICY\n")
    }

    func testASignalEndingTheCommandIsNotAnExitStatus() async throws {
        let result = try await CommandRunner().run("sh", ["-c", "kill -TERM $$"])
        XCTAssertEqual(result.termination, .signalled(SIGTERM))
        XCTAssertNil(result.exitStatus)
        XCTAssertFalse(result.succeeded)
    }

    func testOutputPastTheLimitStopsTheCommand() async throws {
        let runner = CommandRunner(timeout: .seconds(30), outputLimit: 1_000)
        do {
            _ = try await runner.run("head", ["-c", "100000", "/dev/zero"])
            XCTFail("100,000 bytes kept under a 1,000-byte limit")
        } catch {
            guard case .outputLimitExceeded(_, 1_000) = error else { return XCTFail("\(error)") }
        }
    }

    func testMissingProgramIsNamedWithTheDirectoriesSearched() async throws {
        do {
            _ = try await CommandRunner().run("no-such-program-tls-policy", [])
            XCTFail("ran a program that does not exist")
        } catch {
            guard case .programNotFound(let program, let searched) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(program, "no-such-program-tls-policy")
            XCTAssertEqual(Array(searched.prefix(ExecutableSearch.systemDirectories.count)), ExecutableSearch.systemDirectories)
        }
    }

    func testSystemDirectoriesComeBeforePATH() throws {
        // A directory on PATH with its own `sh` (and a program only it has): the system's
        // `sh` wins, the other program is still found.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        for name in ["sh", "only-here"] {
            let path = scratch.appendingPathComponent(name).path
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("#!/bin/sh\n".utf8),
                                                         attributes: [.posixPermissions: 0o755]))
        }
        let directories = ExecutableSearch.directories(path: "\(scratch.path):/usr/bin")
        XCTAssertEqual(directories.last, scratch.path, "PATH entries follow the system directories, once each")
        let sh = try ExecutableSearch.locate("sh", in: directories)
        XCTAssertTrue(ExecutableSearch.systemDirectories.contains((sh as NSString).deletingLastPathComponent), sh)
        XCTAssertEqual(try ExecutableSearch.locate("only-here", in: directories), scratch.appendingPathComponent("only-here").path)
    }
}
