import ExternalCommand
import Foundation
import TLSPolicyLab
import XCTest

/// The namespace keeps the lab on loopback and leaves nothing behind.
final class LabNamespaceTests: XCTestCase {
    func testOnlyLoopbackExistsInside() throws {
        try LabRequirement.require()
        let namespace = try LabNamespace()
        defer { namespace.stop() }
        let links = try namespace.run(["ip", "-o", "link", "show"], timeout: 10).checked().stdoutText
        let names = links.split(separator: "\n").compactMap { $0.split(separator: ":").dropFirst().first?.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(names, ["lo"])
        let addresses = try namespace.run(["ip", "-o", "-4", "addr", "show"], timeout: 10).checked().stdoutText
        XCTAssertTrue(addresses.contains("127.0.0.1/8"), addresses)
        XCTAssertEqual(addresses.split(separator: "\n").count, 1, addresses)
    }

    func testResolvConfIsReplacedOnlyInside() throws {
        try LabRequirement.require()
        let hostBefore = try? String(contentsOfFile: "/etc/resolv.conf", encoding: .utf8)
        let namespace = try LabNamespace()
        defer { namespace.stop() }
        let inside = try namespace.run(["cat", "/etc/resolv.conf"], timeout: 10).checked().stdoutText
        XCTAssertEqual(inside, "nameserver 127.0.0.1\noptions trust-ad\n")
        XCTAssertEqual(try? String(contentsOfFile: "/etc/resolv.conf", encoding: .utf8), hostBefore)
    }

    func testStopEndsEveryProcessInside() throws {
        try LabRequirement.require()
        let namespace = try LabNamespace()
        let server = try namespace.spawn(["sleep", "300"], logFile: namespace.directory.appendingPathComponent("sleep.log"))
        XCTAssertTrue(server.isRunning)
        let holder = namespace.holderPID
        namespace.stop()
        XCTAssertTrue(ProcessTable.waitUntil(timeout: 5) { !server.isRunning && !ProcessTable.isRunning(holder) })
        XCTAssertFalse(FileManager.default.fileExists(atPath: namespace.directory.path), "a created directory is removed")
    }

    func testSpawnedProcessIsStoppedByItsPID() throws {
        try LabRequirement.require()
        let namespace = try LabNamespace()
        defer { namespace.stop() }
        let server = try namespace.spawn(["sleep", "300"], logFile: namespace.directory.appendingPathComponent("sleep.log"))
        try server.stop(timeout: 5)
        XCTAssertFalse(server.isRunning)
        XCTAssertTrue(namespace.isRunning, "stopping one server leaves the namespace up")
    }

    func testRunIsBoundedByItsTimeout() throws {
        try LabRequirement.require()
        let namespace = try LabNamespace()
        defer { namespace.stop() }
        let started = Date()
        XCTAssertThrowsError(try namespace.run(["sleep", "31"], timeout: 0.5)) { error in
            guard case LabError.timedOut(let argv, _, _) = error else { return XCTFail("unexpected error \(error)") }
            XCTAssertEqual(argv, ["sleep", "31"])
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        // The holder's own loop runs "sleep 1"; look for the timed-out command by its arguments.
        let left = try namespace.run(["ps", "-eo", "args="], timeout: 10).checked().stdoutText
        XCTAssertFalse(left.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "sleep 31" },
                       "the timed-out command was killed: \(left)")
    }

    func testFailedCommandReportsStatusAndStderr() throws {
        try LabRequirement.require()
        let namespace = try LabNamespace()
        defer { namespace.stop() }
        XCTAssertThrowsError(try namespace.run(["sh", "-c", "echo boom >&2; exit 3"], timeout: 10).checked()) { error in
            guard case CommandError.failed(let argv, let termination, let stderr) = error else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(argv, ["sh", "-c", "echo boom >&2; exit 3"], "named as run inside the namespace")
            XCTAssertEqual(termination, .exited(3))
            XCTAssertTrue(stderr.contains("boom"))
        }
    }
}
