import Foundation
import PolicyGit
import TLSPolicyLab
import XCTest

/// `GitCache` clones, fetches incrementally, refuses to follow a moved tag and
/// detects a damaged cache, against repositories built by real git and reached
/// by path and file:// URL (no network).
final class GitCacheFetchTests: XCTestCase {
    private var directory: URL!
    private var origin: GitFixtureRepository!
    private var cachePath: String { directory.appendingPathComponent("cache.git").path }

    override func setUpWithError() throws {
        directory = try LabFileSystem.makeTemporaryDirectory(prefix: "policygit-fetch")
        origin = try GitFixtureRepository(directory: directory.appendingPathComponent("origin"))
        try origin.commit(files: ["policy/example.test.policy": "example.test secure\n"], message: "first")
        try origin.tag("v1.0.0", message: "Release 1.0.0\n")
    }

    override func tearDown() {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    func testFirstFetchClonesTagsIntoBareCache() throws {
        let cache = try GitCache(directory: cachePath)
        XCTAssertTrue(cache.repository.isBare)
        let report = try cache.fetchTags(from: origin.directory.path)
        XCTAssertTrue(report.wasInitialClone)
        let expected = GitTagReference(name: "v1.0.0", objectID: try XCTUnwrap(GitObjectID(hex: try origin.revParse("refs/tags/v1.0.0"))))
        XCTAssertEqual(report.remoteTags, [expected])
        XCTAssertEqual(report.fetchedTags, [expected])
        XCTAssertEqual(report.movedTags, [])
        XCTAssertEqual(try cache.tags(), [expected])
        // The objects came too: the tag peels to the origin's commit and tree.
        let target = try cache.repository.peelToCommit(expected.objectID)
        XCTAssertEqual(target.commitID.hex, try origin.revParse("v1.0.0^{commit}"))
        XCTAssertEqual(target.treeID.hex, try origin.revParse("v1.0.0^{tree}"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: cachePath + "/policy"), "a bare cache has no work tree")
    }

    func testIncrementalFetchOverFileURLSeesOnlyTheNewTag() throws {
        let url = "file://" + origin.directory.path
        let cache = try GitCache(directory: cachePath)
        _ = try cache.fetchTags(from: url)
        try origin.commit(files: ["policy/example.test.policy": "example.test encrypt\n"], message: "second")
        try origin.tag("v1.1.0", message: "Release 1.1.0\n")

        let reopened = try GitCache(directory: cachePath)
        let report = try reopened.fetchTags(from: url)
        XCTAssertFalse(report.wasInitialClone)
        XCTAssertEqual(report.remoteTags.map(\.name), ["v1.0.0", "v1.1.0"])
        XCTAssertEqual(report.fetchedTags.map(\.name), ["v1.1.0"])
        XCTAssertEqual(try reopened.tags().map(\.name), ["v1.0.0", "v1.1.0"])

        let nothingNew = try reopened.fetchTags(from: url)
        XCTAssertEqual(nothingNew.fetchedTags, [])
    }

    func testMovedTagIsReportedAndNotFollowed() throws {
        let cache = try GitCache(directory: cachePath)
        _ = try cache.fetchTags(from: origin.directory.path)
        let original = try XCTUnwrap(try cache.repository.tagReference(named: "v1.0.0"))

        try origin.commit(files: ["policy/evil.test.policy": "evil.test none\n"], message: "attack")
        let moved = try origin.tag("v1.0.0", message: "Release 1.0.0\n", force: true)

        let report = try cache.fetchTags(from: origin.directory.path)
        XCTAssertEqual(report.movedTags, [GitTagMove(name: "v1.0.0", cachedID: original,
                                                     remoteID: try XCTUnwrap(GitObjectID(hex: moved)))])
        XCTAssertEqual(report.fetchedTags, [])
        XCTAssertEqual(try cache.repository.tagReference(named: "v1.0.0"), original, "the cache followed a moved tag")
    }

    func testUnreachableRemoteIsAFetchFailureAndLeavesCacheUsable() throws {
        let cache = try GitCache(directory: cachePath)
        _ = try cache.fetchTags(from: origin.directory.path)
        let missing = directory.appendingPathComponent("gone").path
        do throws(GitCacheError) {
            _ = try cache.fetchTags(from: missing)
            XCTFail("fetch from a missing remote succeeded")
        } catch {
            guard case .fetchFailed(let url, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(url, missing)
        }
        XCTAssertEqual(try GitCache(directory: cachePath).tags().map(\.name), ["v1.0.0"])
    }

    func testDamagedObjectStoreIsDetectedAsCorrupt() throws {
        let cache = try GitCache(directory: cachePath)
        _ = try cache.fetchTags(from: origin.directory.path)
        let packs = try FileManager.default.contentsOfDirectory(atPath: cachePath + "/objects/pack").filter { $0.hasSuffix(".pack") }
        XCTAssertFalse(packs.isEmpty, "libgit2 stored no pack")
        for pack in packs {
            let path = cachePath + "/objects/pack/" + pack
            // Keep the header, destroy the objects.
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            for index in 12..<bytes.count { bytes[index] = 0xFF }
            try bytes.write(to: URL(fileURLWithPath: path))
        }
        assertCorrupt { () throws(GitCacheError) in _ = try GitCache(directory: self.cachePath) }
    }

    func testGarbageInsteadOfRepositoryIsDetectedAsCorrupt() throws {
        try FileManager.default.createDirectory(atPath: cachePath, withIntermediateDirectories: true)
        try Data("not a repository\n".utf8).write(to: URL(fileURLWithPath: cachePath + "/HEAD"))
        assertCorrupt { () throws(GitCacheError) in _ = try GitCache(directory: self.cachePath) }
    }

    func testRecloneAfterRemovingCorruptCacheWorks() throws {
        try FileManager.default.createDirectory(atPath: cachePath, withIntermediateDirectories: true)
        try Data("junk".utf8).write(to: URL(fileURLWithPath: cachePath + "/config"))
        assertCorrupt { () throws(GitCacheError) in _ = try GitCache(directory: self.cachePath) }
        try FileManager.default.removeItem(atPath: cachePath)
        let report = try GitCache(directory: cachePath).fetchTags(from: origin.directory.path)
        XCTAssertTrue(report.wasInitialClone)
        XCTAssertEqual(report.fetchedTags.map(\.name), ["v1.0.0"])
    }

    private func assertCorrupt(_ body: () throws(GitCacheError) -> Void, file: StaticString = #filePath, line: UInt = #line) {
        do throws(GitCacheError) {
            try body()
            XCTFail("a damaged cache was accepted", file: file, line: line)
        } catch {
            guard case .corrupt(let path, _) = error else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertEqual(path, cachePath, file: file, line: line)
        }
    }
}
