import Foundation
import PolicyGit
import TLSPolicyLab
import XCTest

/// `GitCache` clones, fetches incrementally, mirrors tags deleted upstream,
/// refuses to follow a moved tag unless told, tells a tag that cannot be a release
/// from a damaged cache, and detects real damage, against repositories built by
/// real git and reached by path and file:// URL (no network).
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

    func testMovedTagNamedToFollowIsFollowedAndReported() throws {
        let cache = try GitCache(directory: cachePath)
        _ = try cache.fetchTags(from: origin.directory.path)
        let original = try XCTUnwrap(try cache.repository.tagReference(named: "v1.0.0"))
        try origin.commit(files: ["policy/example.test.policy": "example.test dane\n"], message: "genuine")
        let genuine = try XCTUnwrap(GitObjectID(hex: try origin.tag("v1.0.0", message: "Release 1.0.0\n", force: true)))

        let report = try cache.fetchTags(from: origin.directory.path, options: GitFetchOptions(followMovedTags: ["v1.0.0"]))
        XCTAssertEqual(report.movedTags, [GitTagMove(name: "v1.0.0", cachedID: original, remoteID: genuine, followed: true)])
        XCTAssertEqual(report.fetchedTags, [GitTagReference(name: "v1.0.0", objectID: genuine)])
        XCTAssertEqual(try cache.repository.tagReference(named: "v1.0.0"), genuine)
        XCTAssertEqual(try cache.repository.peelToCommit(genuine).commitID.hex, try origin.revParse("HEAD"))
    }

    func testTagDeletedUpstreamIsPrunedFromTheCache() throws {
        try origin.commit(files: ["policy/example.test.policy": "example.test encrypt\n"], message: "second")
        try origin.tag("v1.1.0", message: "Release 1.1.0\n")
        let cache = try GitCache(directory: cachePath)
        _ = try cache.fetchTags(from: origin.directory.path)
        let deleted = try XCTUnwrap(try cache.repository.tagReference(named: "v1.1.0"))

        try origin.git(["tag", "-d", "v1.1.0"])
        let report = try cache.fetchTags(from: origin.directory.path)
        XCTAssertEqual(report.remoteTags.map(\.name), ["v1.0.0"], "exactly what the remote advertises now")
        XCTAssertEqual(report.prunedTags, [GitTagReference(name: "v1.1.0", objectID: deleted)])
        XCTAssertEqual(try cache.tags().map(\.name), ["v1.0.0"])
        XCTAssertEqual(try GitCache(directory: cachePath).tags().map(\.name), ["v1.0.0"], "gone for good, not only in the report")

        // A remote with no tags left empties the cache.
        try origin.git(["tag", "-d", "v1.0.0"])
        let empty = try cache.fetchTags(from: origin.directory.path)
        XCTAssertEqual(empty.remoteTags, [])
        XCTAssertEqual(empty.prunedTags.map(\.name), ["v1.0.0"])
        XCTAssertEqual(try cache.tags(), [])
    }

    func testTagsOnABlobAndATreeAreUnusableNotCorrupt() throws {
        let blob = try origin.git(["hash-object", "-w", "--stdin"], input: Data("not a release\n".utf8))
            .stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        let tree = try origin.revParse("HEAD^{tree}")
        try origin.tag("blob-tag", message: "a blob\n", target: blob)
        try origin.tag("tree-tag", message: "a tree\n", target: tree)
        try origin.git(["tag", "lightweight-blob", blob])

        let cache = try GitCache(directory: cachePath)
        let report = try cache.fetchTags(from: origin.directory.path)
        let expected: [String: GitUnusableTag.Reason] = [
            "blob-tag": .notACommit(.blob), "lightweight-blob": .notACommit(.blob), "tree-tag": .notACommit(.tree),
        ]
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: report.unusableTags.map { ($0.tag.name, $0.reason) }), expected)
        XCTAssertEqual(Set(report.fetchedTags.map(\.name)), ["v1.0.0", "blob-tag", "tree-tag", "lightweight-blob"])

        // They are not kept: the cache holds only the release, and opening it again finds it sound.
        XCTAssertEqual(try cache.tags().map(\.name), ["v1.0.0"])
        let reopened = try GitCache(directory: cachePath)
        XCTAssertEqual(try reopened.checkIntegrity(), [])
        XCTAssertNoThrow(try reopened.repository.peelToCommit(try XCTUnwrap(try reopened.repository.tagReference(named: "v1.0.0"))))
        // Each fetch reports them again while the remote advertises them.
        let again = try reopened.fetchTags(from: origin.directory.path)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: again.unusableTags.map { ($0.tag.name, $0.reason) }), expected)
    }

    /// libgit2 1.5's local transport stops at any cache reference that leads to no commit
    /// (local.c compares an error class with an error code), so a blob tag once fetched
    /// must not break every later download.
    func testBlobTagFetchedOnceNeverBreaksALaterDownload() throws {
        let blob = try origin.git(["hash-object", "-w", "--stdin"], input: Data("not a release\n".utf8))
            .stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        try origin.git(["tag", "notes", blob])
        let cache = try GitCache(directory: cachePath)
        _ = try cache.fetchTags(from: origin.directory.path)
        try origin.commit(files: ["policy/example.test.policy": "example.test encrypt\n"], message: "second")
        try origin.tag("v1.1.0", message: "Release 1.1.0\n")
        let report = try cache.fetchTags(from: origin.directory.path)
        XCTAssertEqual(report.fetchedTags.map(\.name).sorted(), ["notes", "v1.1.0"])
        XCTAssertEqual(report.unusableTags.map(\.tag.name), ["notes"])
        XCTAssertNoThrow(try cache.repository.peelToCommit(try XCTUnwrap(try cache.repository.tagReference(named: "v1.1.0"))))
    }

    func testOversizedTagObjectIsUnusableAndNeverRead() throws {
        try origin.tag("v2.0.0", message: "Release 2.0.0\n\n" + String(repeating: "padding line\n", count: 400))
        let size = try origin.rawTag("v2.0.0").count
        XCTAssertGreaterThan(size, 4_096)
        let cache = try GitCache(directory: cachePath, maximumTagObjectSize: 4_096)
        let report = try cache.fetchTags(from: origin.directory.path)
        let big = try XCTUnwrap(report.remoteTags.first { $0.name == "v2.0.0" })
        XCTAssertEqual(report.unusableTags, [GitUnusableTag(tag: big, reason: .tagObjectTooLarge(size: size, limit: 4_096))])
        XCTAssertThrowsError(try cache.rawTagObject(big)) { error in
            XCTAssertEqual(error as? GitCacheError, .tagObjectTooLarge(id: big.objectID, size: size, limit: 4_096))
        }
        let small = try XCTUnwrap(report.remoteTags.first { $0.name == "v1.0.0" })
        XCTAssertEqual(Data(try cache.rawTagObject(small).bytes), try origin.rawTag("v1.0.0"))
        // Not kept in the cache; the next fetch reports it again.
        XCTAssertEqual(try cache.tags().map(\.name), ["v1.0.0"])
        let again = try GitCache(directory: cachePath, maximumTagObjectSize: 4_096).fetchTags(from: origin.directory.path)
        XCTAssertEqual(again.unusableTags.map(\.tag), [big])
    }

    func testPlainHTTPAndGitURLsAreRefused() throws {
        let cache = try GitCache(directory: cachePath)
        for url in ["http://git.example.test/policy.git", "git://git.example.test/policy.git", "HTTP://git.example.test/p"] {
            XCTAssertThrowsError(try cache.fetchTags(from: url), url) { error in
                guard case .refusedURL(let refused, let reason) = error as? GitCacheError else { return XCTFail("\(error)") }
                XCTAssertEqual(refused, url)
                XCTAssertTrue(reason.contains("does not authenticate the server"), reason)
            }
        }
    }

    func testBadKnownHostsLineIsNamedByFileAndLine() throws {
        let knownHosts = directory.appendingPathComponent("known_hosts")
        try Data("# comment\n[git.example.test]:2222 ssh-ed25519 not-base64!\n".utf8).write(to: knownHosts)
        let options = GitFetchOptions(knownHostsFile: knownHosts.path)
        XCTAssertThrowsError(try options.validate()) { error in
            XCTAssertEqual(error as? GitCacheError, .invalidSetting(path: knownHosts.path, line: 2, reason: "the key is not base64"))
        }
        // The fetch checks it before it connects anywhere.
        XCTAssertThrowsError(try GitCache(directory: cachePath).fetchTags(from: "ssh://git@git.example.test:2222/p.git", options: options)) {
            XCTAssertEqual($0 as? GitCacheError, .invalidSetting(path: knownHosts.path, line: 2, reason: "the key is not base64"))
        }
    }

    func testLocalFetchPastItsDeadlineTimesOutAndLeavesCacheUsable() throws {
        let cache = try GitCache(directory: cachePath)
        XCTAssertThrowsError(try cache.fetchTags(from: "file://" + origin.directory.path, options: GitFetchOptions(timeout: 0))) { error in
            XCTAssertEqual(error as? GitCacheError, .timedOut(url: "file://" + origin.directory.path, seconds: 0))
        }
        XCTAssertEqual(try GitCache(directory: cachePath).fetchTags(from: origin.directory.path).fetchedTags.map(\.name), ["v1.0.0"])
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
