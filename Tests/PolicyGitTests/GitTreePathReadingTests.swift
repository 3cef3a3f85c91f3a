import Foundation
import PolicyGit
import TLSPolicyLab
import XCTest

/// `regularFiles(inTree:atPath:)`, what `probe --revision` reads a pull request's files
/// with: nested paths, single files, and the same refusals as a policy directory.
final class GitTreePathReadingTests: XCTestCase {
    private var directory: URL!
    private var origin: GitFixtureRepository!

    override func setUpWithError() throws {
        directory = try LabFileSystem.makeTemporaryDirectory(prefix: "policygit-paths")
        origin = try GitFixtureRepository(directory: directory.appendingPathComponent("origin"))
        try origin.commit(files: ["policy/a.test.policy": "a.test secure\n", "data/policy/b.test.policy": "b.test encrypt\n",
                                  "data/big.policy": String(repeating: "# padding\n", count: 2_000)], message: "first")
    }

    override func tearDown() {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func read(_ path: String, limits: GitTreeReadLimits = GitTreeReadLimits()) throws -> [GitBlobFile] {
        let repository = try GitRepository(discoveringFrom: origin.directory.path)
        let tree = try XCTUnwrap(GitObjectID(hex: try origin.revParse("HEAD^{tree}")))
        return try repository.regularFiles(inTree: tree, atPath: path, limits: limits)
    }

    private func assertRefused(_ path: String, _ expected: GitTreeReadError, limits: GitTreeReadLimits = GitTreeReadLimits(),
                               line: UInt = #line) {
        do {
            let files = try read(path, limits: limits)
            XCTFail("read \(files.map(\.path)) instead of refusing", line: line)
        } catch let error as GitTreeReadError {
            XCTAssertEqual(error, expected, line: line)
        } catch {
            XCTFail("\(error)", line: line)
        }
    }

    func testDirectoriesAndFilesAtAnyDepthKeepTheirPathsFromTheRoot() throws {
        XCTAssertEqual(try read("policy").map(\.path), ["policy/a.test.policy"])
        XCTAssertEqual(try read("data/policy").map(\.path), ["data/policy/b.test.policy"])
        XCTAssertEqual(try read("./data//policy/").map(\.path), ["data/policy/b.test.policy"])
        let file = try read("data/policy/b.test.policy")
        XCTAssertEqual(file.map(\.path), ["data/policy/b.test.policy"])
        XCTAssertEqual(file.map { String(decoding: $0.bytes, as: UTF8.self) }, ["b.test encrypt\n"])
        XCTAssertEqual(file.first?.id.hex, try origin.revParse("HEAD:data/policy/b.test.policy"))
    }

    func testMissingUnsafeAndOversizedPathsAreRefused() {
        assertRefused("policy/missing.policy", .missingPath(path: "policy/missing.policy"))
        assertRefused("nothing/here", .missingPath(path: "nothing"))
        assertRefused("policy/../data", .unsafeName(directory: "policy", name: ".."))
        assertRefused("policy/a.test.policy/x", .notADirectory(path: "policy/a.test.policy", kind: "regular file"))
        assertRefused("data/big.policy", .fileTooLarge(path: "data/big.policy", size: 20_000, limit: 10_000),
                      limits: GitTreeReadLimits(maximumFileSize: 10_000))
        // A directory holding a subdirectory is refused whole, as a release's policy/ is.
        assertRefused("data", .notRegularFile(path: "data/policy", kind: "directory"))
    }
}
