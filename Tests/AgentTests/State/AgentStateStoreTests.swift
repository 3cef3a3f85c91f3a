import Foundation
import PolicyDeploy
import PolicyGit
import PolicySync
import ReleaseTrust
import XCTest

/// The one state file: written atomically, read back exactly, migrated once from the files
/// older agents kept, and guarded by the run lock.
final class AgentStateStoreTests: XCTestCase {
    private func scratch() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    private static let objectA = String(repeating: "a", count: 40)
    private static let objectB = String(repeating: "b", count: 40)

    private func release(_ tag: String, object: String = AgentStateStoreTests.objectA, expires: TimeInterval = 4_000_000_000) -> ReleaseRecord {
        ReleaseRecord(tag: tag, tagObject: object, commit: String(repeating: "c", count: 40),
                      version: ReleaseVersion(tagName: tag)?.description, signer: "ssh:maintainer@example.test",
                      taggerDate: Date(timeIntervalSince1970: 1_700_000_000), expires: Date(timeIntervalSince1970: expires))
    }

    func testStateRoundTripsInOneFileAndLeavesNoTemporary() throws {
        let store = AgentStateStore(directory: try scratch() + "/state")
        XCTAssertEqual(try store.load(), AgentState(), "no file yet: empty state")
        var state = AgentState()
        state.deployedRelease = release("v1.2.0")
        state.rollbackFloor = release("v1.2.0")
        state.deployedMap = DeployedMap(map: "hash:/etc/postfix/tls-policy/tls_policy",
                                        contentHash: String(repeating: "d", count: 64), entryCount: 3, indexedFiles: [])
        state.verifiedTags = TagLedger(entries: ["v1.2.0": try XCTUnwrap(GitObjectID(hex: Self.objectA))])
        state.lastRun = RunRecord(at: Date(timeIntervalSince1970: 1_700_000_100), outcome: .deployed, reason: "deployed",
                                  tag: "v1.2.0")
        state.outcomes = ["deployed": 1]
        try store.save(state)
        XCTAssertEqual(try store.load(), state)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: store.directory).sorted(), ["state.json"])
        let json = try String(contentsOfFile: store.statePath, encoding: .utf8)
        XCTAssertTrue(json.contains("\"format\" : 2"), json)
        XCTAssertTrue(json.contains("\"v1.2.0\" : \"\(Self.objectA)\""), "the ledger maps tag to verified object:\n\(json)")
    }

    func testCorruptStateIsATypedErrorNamingTheFile() throws {
        let store = AgentStateStore(directory: try scratch())
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: store.statePath))
        XCTAssertThrowsError(try store.load()) { error in
            guard case StateError.unreadable(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, store.statePath)
        }
    }

    func testStateOfANewerAgentIsRefusedNotOverwritten() throws {
        let store = AgentStateStore(directory: try scratch())
        try Data("{\"format\": 3}".utf8).write(to: URL(fileURLWithPath: store.statePath))
        XCTAssertThrowsError(try store.load()) { error in
            XCTAssertTrue("\(error)".contains("state format 3 is newer"), "\(error)")
        }
    }

    /// Format 1 kept three files; its ledger held every tag *seen*. Only the deployed
    /// release is known to have been verified, so only it survives the migration.
    func testFormatOneFilesMigrateKeepingOnlyWhatWasVerified() throws {
        let directory = try scratch()
        let store = AgentStateStore(directory: directory)
        try Data("""
            {"commit":"\(String(repeating: "c", count: 40))","deployed":{"contentHash":"\(String(repeating: "d", count: 64))",
             "entryCount":3,"indexedFiles":[],"map":"hash:/etc/postfix/tls_policy"},"deployedAt":"2024-01-02T00:00:00Z",
             "lastError":"verify: release v1.1.0 refused: the tag is not signed","lastOutcome":"failed",
             "lastRunAt":"2024-01-03T00:00:00Z","tag":"v1.0.0"}
            """.utf8).write(to: URL(fileURLWithPath: directory + "/state.json"))
        try Data("""
            {"inputs":"abc","lastSuccessAt":"2024-01-02T00:00:00Z","outcomes":{"deployed":1,"unsigned":1},
             "release":{"commit":"\(String(repeating: "c", count: 40))","entries":3,"expires":"2099-01-01T00:00:00Z",
             "signer":"ssh:maintainer@example.test","tag":"v1.0.0","tagObject":"\(Self.objectA)",
             "taggerDate":"2024-01-01T00:00:00Z"},"stepOutcomes":{"fetch/success":2}}
            """.utf8).write(to: URL(fileURLWithPath: directory + "/release.json"))
        try Data("\(Self.objectA) v1.0.0\n\(Self.objectB) v1.1.0\n".utf8)
            .write(to: URL(fileURLWithPath: directory + "/tags.ledger"))

        let migrated = try store.load()
        XCTAssertEqual(migrated.deployedRelease?.tag, "v1.0.0")
        XCTAssertEqual(migrated.deployedRelease?.version, "v1.0.0")
        XCTAssertEqual(migrated.rollbackFloor?.tag, "v1.0.0")
        XCTAssertEqual(migrated.deployedMap?.entryCount, 3)
        XCTAssertEqual(migrated.inputs, "abc")
        XCTAssertEqual(migrated.verifiedTags.entries.mapValues(\.hex), ["v1.0.0": Self.objectA],
                       "the unverified v1.1.0 of the old ledger is forgotten")
        XCTAssertEqual(migrated.lastRun?.outcome, .failed)
        XCTAssertEqual(migrated.outcomes, ["deployed": 1, "unsigned": 1])
        XCTAssertEqual(migrated.stepOutcomes, ["fetch/success": 2])

        try store.save(migrated)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).sorted(), ["state.json"],
                       "the old files go once the new state is written")
        XCTAssertEqual(try store.load(), migrated)
    }

    /// Format 1 cleared the state's tag when the expiry fallback emptied the map: the
    /// release is then the rollback floor, not live.
    func testFormatOneAfterTheEmptyFallbackKeepsTheRollbackFloorOnly() throws {
        let directory = try scratch()
        try Data("{\"lastOutcome\":\"failed\",\"lastRunAt\":\"2024-01-03T00:00:00Z\"}".utf8)
            .write(to: URL(fileURLWithPath: directory + "/state.json"))
        try Data("""
            {"outcomes":{},"stepOutcomes":{},"release":{"commit":"\(String(repeating: "c", count: 40))","entries":3,
             "expires":"2020-01-01T00:00:00Z","signer":"ssh:m","tag":"v2.0.0","tagObject":"\(Self.objectA)",
             "taggerDate":"2019-01-01T00:00:00Z"}}
            """.utf8).write(to: URL(fileURLWithPath: directory + "/release.json"))
        let migrated = try AgentStateStore(directory: directory).load()
        XCTAssertNil(migrated.deployedRelease)
        XCTAssertEqual(migrated.rollbackFloor?.tag, "v2.0.0")
    }

    func testSecondLockWaitsBoundedThenFails() throws {
        let store = AgentStateStore(directory: try scratch())
        let held = try store.lock(timeout: 1)
        let started = Date()
        XCTAssertThrowsError(try store.lock(timeout: 0.5)) { error in
            guard case StateError.lockTimeout(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, store.lockPath)
        }
        let waited = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(waited, 0.45)
        XCTAssertLessThan(waited, 5)
        withExtendedLifetime(held) {}
    }

    func testLockIsFreeAgainOnceReleased() throws {
        let store = AgentStateStore(directory: try scratch())
        var held: RunLock? = try store.lock(timeout: 1)
        XCTAssertNotNil(held)
        held = nil
        XCTAssertNoThrow(try store.lock(timeout: 0))
    }

    func testForgetDropsVerifiedTagsAndTheRollbackFloorOnly() throws {
        let store = AgentStateStore(directory: try scratch())
        var state = AgentState()
        state.deployedRelease = release("v1.2.0")
        state.rollbackFloor = release("v1.2.0")
        state.verifiedTags = TagLedger(entries: ["v1.2.0": try XCTUnwrap(GitObjectID(hex: Self.objectA)),
                                                 "v1.1.0": try XCTUnwrap(GitObjectID(hex: Self.objectB))])
        try store.save(state)
        let outcome = try StateReset(store: store).forget(tags: ["v1.1.0", "v9"], rollbackFloor: true)
        XCTAssertEqual(outcome.forgottenTags, ["v1.1.0"])
        XCTAssertEqual(outcome.unknownTags, ["v9"])
        XCTAssertEqual(outcome.clearedRollbackFloor, "v1.2.0")
        let after = try store.load()
        XCTAssertEqual(after.verifiedTags.entries.keys.sorted(), ["v1.2.0"])
        XCTAssertNil(after.rollbackFloor)
        XCTAssertEqual(after.deployedRelease, state.deployedRelease, "what is live stays recorded")
    }

    func testDeployedExpiryIsTheEarlierOfExpiresAndMaxReleaseAge() {
        let record = release("v1.0.0", expires: 1_700_000_000 + 30 * 86_400)
        let byExpires = DeployedExpiry(release: record, maxReleaseAge: nil)
        XCTAssertEqual(byExpires.at, record.expires)
        let byAge = DeployedExpiry(release: record, maxReleaseAge: SettingDuration(seconds: 86_400))
        XCTAssertEqual(byAge.at, record.taggerDate.addingTimeInterval(86_400))
        XCTAssertEqual(byAge.cause, "max_release_age = 1d")
        let longAge = DeployedExpiry(release: record, maxReleaseAge: SettingDuration(seconds: 90 * 86_400))
        XCTAssertEqual(longAge.at, record.expires)
    }
}
