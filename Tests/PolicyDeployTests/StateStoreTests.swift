import Foundation
import PolicyDeploy
import XCTest

/// The state file and the run lock.
final class StateStoreTests: XCTestCase {
    private func scratch() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func testStateRoundTripsAndLeavesNoTemporary() throws {
        let store = StateStore(directory: try scratch() + "/state")
        XCTAssertEqual(try store.load(), DeploymentState(), "no file yet: empty state")
        let map = DeployedMap(map: "hash:/etc/postfix/tls_policy", contentHash: String(repeating: "a", count: 64),
                              entryCount: 3, indexedFiles: [])
        let state = DeploymentState(tag: "v1", commit: "abc", deployed: map, deployedAt: Date(timeIntervalSince1970: 1_700_000_000),
                                    lastRunAt: Date(timeIntervalSince1970: 1_700_000_100), lastOutcome: .deployed, lastError: nil)
        try store.save(state)
        XCTAssertEqual(try store.load(), state)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: store.directory).sorted(), ["state.json"])
        let json = try String(contentsOfFile: store.statePath, encoding: .utf8)
        XCTAssertTrue(json.contains("\"contentHash\" : \"aaaa"), json)
    }

    func testCorruptStateIsATypedError() throws {
        let store = StateStore(directory: try scratch())
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: store.statePath))
        XCTAssertThrowsError(try store.load()) { error in
            guard case DeployError.stateUnreadable(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, store.statePath)
        }
    }

    func testSecondLockWaitsBoundedThenFails() throws {
        let store = StateStore(directory: try scratch())
        let held = try store.lock(timeout: 1)
        let started = Date()
        XCTAssertThrowsError(try store.lock(timeout: 0.5)) { error in
            guard case DeployError.lockTimeout(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, store.lockPath)
        }
        let waited = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(waited, 0.45)
        XCTAssertLessThan(waited, 5)
        withExtendedLifetime(held) {}
    }

    func testLockIsFreeAgainOnceReleased() throws {
        let store = StateStore(directory: try scratch())
        var held: RunLock? = try store.lock(timeout: 1)
        XCTAssertNotNil(held)
        held = nil
        XCTAssertNoThrow(try store.lock(timeout: 0))
    }

    func testSHA256MatchesKnownVector() throws {
        XCTAssertEqual(try SHA256Digest.hex(of: Array("abc".utf8)),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(try SHA256Digest.hex(of: []),
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testMapLocationParsing() throws {
        let map = try MapLocation(parsing: "lmdb:/etc/postfix/tls_policy")
        XCTAssertEqual(map.indexedPath, "/etc/postfix/tls_policy.lmdb")
        XCTAssertEqual(map.directory, "/etc/postfix")
        XCTAssertEqual(try MapLocation(parsing: "texthash:/etc/p").indexedPath, "/etc/p")
        XCTAssertEqual(try MapLocation(parsing: "btree:/etc/p").indexedPath, "/etc/p.db")
        XCTAssertEqual(try MapLocation(parsing: "cdb:/etc/p").indexedPath, "/etc/p.cdb")
        for bad in ["hash", "regexp:/etc/p", "hash:relative", "hash:/etc/"] {
            XCTAssertThrowsError(try MapLocation(parsing: bad), bad)
        }
    }
}
