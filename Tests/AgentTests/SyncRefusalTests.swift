import Foundation
import PolicySync
import TLSPolicyLab
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Every attack and fault `sync` must refuse: the run exits non-zero with a clear message,
/// and the live map (source and indexed file) is byte-identical afterwards.
final class SyncRefusalTests: AgentLabTestCase {

    /// A fixture with v1.0.0 deployed.
    private func deployed(overrides: String? = nil) throws -> SyncFixture {
        let fixture = try SyncFixture(lab: try lab(), overrides: overrides)
        try fixture.release("v1.0.0")
        let result = try fixture.agent("sync")
        XCTAssertEqual(result.exitStatus, 0, result.stderrText)
        XCTAssertEqual(try fixture.lookup("gmail.example"), "secure match=.google.example")
        return fixture
    }

    /// Runs sync and asserts it is refused with `message`, the map unchanged and still serving.
    private func assertRefused(_ fixture: SyncFixture, _ arguments: [String] = [], message: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let live = fixture.liveFiles
        let result = try fixture.agent("sync", arguments)
        XCTAssertNotEqual(result.exitStatus, 0, "sync should be refused", file: file, line: line)
        XCTAssertTrue(result.stderrText.contains("Error: "), result.stderrText, file: file, line: line)
        XCTAssertTrue(result.stderrText.contains(message), "expected \"\(message)\" in:\n\(result.stderrText)", file: file, line: line)
        XCTAssertEqual(result.stdoutText, "", file: file, line: line)
        XCTAssertEqual(fixture.liveFiles, live, "the live map changed", file: file, line: line)
        XCTAssertEqual(try fixture.lookup("gmail.example"), "secure match=.google.example", file: file, line: line)
        XCTAssertEqual(try fixture.state.lastRun?.outcome, .failed, file: file, line: line)
        XCTAssertEqual(try fixture.state.deployedRelease?.tag, "v1.0.0", file: file, line: line)
    }

    private static let changed = [
        "policy/gmail.policy": "# Provider: Gmail\n\ngmail.example verify match=.google.example\n",
    ]

    func testUnsignedTagIsRefusedAndMapKept() throws {
        let fixture = try deployed()
        try fixture.release("v1.1.0", files: Self.changed, signing: .unsigned)
        try assertRefused(fixture, message: "release v1.1.0 refused: the tag is not signed")
    }

    func testTagSignedByUntrustedKeyIsRefusedAndMapKept() throws {
        let fixture = try deployed()
        try fixture.release("v1.1.0", files: Self.changed, signing: .ssh(fixture.lab.strangerKey))
        try assertRefused(fixture, message: "release v1.1.0 refused: ssh signature not accepted")
    }

    func testTamperedTagObjectIsRefusedAndMapKept() throws {
        let fixture = try deployed()
        try fixture.release("v1.1.0", files: Self.changed)
        let raw = String(decoding: try fixture.repository.rawTag("v1.1.0"), as: UTF8.self)
        let tampered = raw.replacingOccurrences(of: "Release v1.1.0", with: "Release v1.1.0 (reviewed)")
        XCTAssertNotEqual(raw, tampered)
        try fixture.repository.storeLiteralTag(Data(tampered.utf8), as: "v1.1.0")
        try assertRefused(fixture, message: "release v1.1.0 refused: ssh signature not accepted")
    }

    func testTagMovedToAnotherCommitIsRefusedAndMapKept() throws {
        let fixture = try deployed()
        try fixture.repository.commit(files: Self.changed, message: "rewritten history")
        try fixture.repository.tag("v1.0.0", message: AgentLab.message("Release v1.0.0"), signing: .ssh(fixture.lab.sshKey),
                                   force: true)
        try assertRefused(fixture, message: "release tag v1.0.0 moved from")
    }

    func testOlderTagIsRefusedAsRollbackAndMapKept() throws {
        let fixture = try SyncFixture(lab: try lab())
        try fixture.release("v1.0.0", files: Self.changed)
        try fixture.release("v1.1.0")
        XCTAssertEqual(try fixture.agent("sync").exitStatus, 0)
        let live = fixture.liveFiles
        let result = try fixture.agent("sync", ["--release-tag", "v1.0.0"])
        XCTAssertEqual(result.exitStatus, 1)
        XCTAssertTrue(result.stderrText.contains("release v1.0.0 refused: it is older than the deployed release v1.1.0 (rollback)"),
                      result.stderrText)
        XCTAssertEqual(fixture.liveFiles, live)
        XCTAssertEqual(try fixture.state.deployedRelease?.tag, "v1.1.0")
    }

    func testExpiredTagIsRefusedLoudlyAndMapKept() throws {
        let fixture = try deployed()
        try fixture.release("v1.1.0", files: Self.changed, expires: "2020-01-01T00:00:00Z")
        try assertRefused(fixture, message: "release v1.1.0 refused: it expired at 2020-01-01T00:00:00Z")
    }

    func testNewerExpiredTagNeverEmptiesAStillValidDeployedRelease() throws {
        let fixture = try deployed()
        try fixture.release("v1.1.0", files: Self.changed, expires: "2020-01-01T00:00:00Z")
        try assertRefused(fixture, ["--expiry-fallback", "empty"],
                          message: "release v1.1.0 refused: it expired at 2020-01-01T00:00:00Z")
        XCTAssertFalse(try fixture.agent("sync", ["--expiry-fallback", "empty"]).stderrText.contains("empty map"))
    }

    func testInvalidEntryInReleaseIsRefusedAndMapKept() throws {
        let fixture = try deployed()
        var files = Self.changed
        files["policy/broken.policy"] = "# Provider: Broken\n\nbroken.example strongest\n"
        try fixture.release("v1.1.0", files: files)
        try assertRefused(fixture, message: "the release is not valid for this host's Postfix")
    }

    func testInvalidOverrideIsRefusedWithItsLineAndMapKept() throws {
        let fixture = try deployed()
        try LabFileSystem.write("# overrides\nlocal.example strongest\n", to: URL(fileURLWithPath: fixture.overridesPath),
                                backdated: true)
        try assertRefused(fixture, ["--overrides-file", fixture.overridesPath],
                          message: "\(fixture.overridesPath):2: error: invalid security level")
    }

    func testFailingPostmapIsRefusedAndMapKept() throws {
        let fixture = try deployed()
        try fixture.release("v1.1.0", files: Self.changed)
        // postmap runs as the source's owner; nobody cannot write the root-owned directory.
        XCTAssertEqual(chown(fixture.mapPath, 65_534, 65_534), 0)
        try assertRefused(fixture, message: "postmap")
    }

    func testUnreachableRemoteFailsAndDeployedMapKeepsServing() throws {
        let fixture = try deployed()
        try assertRefused(fixture, ["--repository-url", "file:///nonexistent/dataset.git"],
                          message: "fetching tags from file:///nonexistent/dataset.git failed")
    }

    /// The exit-code contract: a state directory that cannot be written is an I/O error (2),
    /// not a refusal (1); the live map is untouched either way.
    func testStateDirectoryThatCannotBeWrittenExits2AndKeepsTheMap() throws {
        let fixture = try deployed()
        let blocker = fixture.directory.appendingPathComponent("not-a-directory")
        try LabFileSystem.write("a file where the state directory should be\n", to: blocker)
        let live = fixture.liveFiles
        let result = try fixture.agent("sync", ["--state-directory", blocker.path + "/state"])
        XCTAssertEqual(result.exitStatus, 2, result.stderrText)
        XCTAssertTrue(result.stderrText.contains("Error: lock: \(blocker.path)/state: cannot write"), result.stderrText)
        XCTAssertEqual(fixture.liveFiles, live)
    }

    func testCorruptCacheIsClonedAgainAndSyncSucceeds() throws {
        let fixture = try deployed()
        let objects = fixture.stateDirectory + "/cache/objects"
        for name in try FileManager.default.contentsOfDirectory(atPath: objects) {
            try FileManager.default.removeItem(atPath: objects + "/" + name)
        }
        try fixture.release("v1.1.0", files: Self.changed)
        let result = try fixture.agent("sync")
        XCTAssertEqual(result.exitStatus, 0, result.stderrText)
        XCTAssertTrue(result.stderrText.contains("the Git cache is corrupt; cloning again"), result.stderrText)
        XCTAssertEqual(try fixture.lookup("gmail.example"), "verify match=.google.example")
    }

    func testSecondRunWaitsBoundedForTheLockThenFails() throws {
        let fixture = try deployed()
        try fixture.release("v1.1.0", files: Self.changed)
        let fd = open(fixture.stateDirectory + "/lock", O_RDWR | O_CREAT, 0o600)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        XCTAssertEqual(flock(fd, LOCK_EX), 0, "the test holds the run lock")
        let started = Date()
        let live = fixture.liveFiles
        let blocked = try fixture.agent("sync", ["--lock-timeout", "1"])
        XCTAssertEqual(blocked.exitStatus, 1)
        XCTAssertTrue(blocked.stderrText.contains("another run holds"), blocked.stderrText)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 1)
        XCTAssertEqual(fixture.liveFiles, live)
        XCTAssertEqual(flock(fd, LOCK_UN), 0)
        XCTAssertEqual(try fixture.agent("sync").exitStatus, 0)
        XCTAssertEqual(try fixture.lookup("gmail.example"), "verify match=.google.example")
    }
}
