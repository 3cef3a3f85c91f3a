import CGit2
import Foundation
import XCTest

/// Proves libgit2 links and works: the C API called directly, no PolicyGit.
final class Libgit2Tests: XCTestCase {
    func testLibgit2InitialisesRepositoryAndReportsHTTPSAndSSH() throws {
        // git_libgit2_init returns the new reference count, so any positive value is success.
        XCTAssertGreaterThan(git_libgit2_init(), 0, "git_libgit2_init failed")
        defer { git_libgit2_shutdown() }

        let features = git_libgit2_features()
        XCTAssertNotEqual(features & Int32(GIT_FEATURE_HTTPS.rawValue), 0, "libgit2 built without HTTPS")
        XCTAssertNotEqual(features & Int32(GIT_FEATURE_SSH.rawValue), 0, "libgit2 built without SSH")

        let directory = try TemporaryDirectory(prefix: "libgit2")
        var repository: OpaquePointer?
        let initResult = git_repository_init(&repository, directory.path, 0)
        XCTAssertEqual(initResult, 0, "git_repository_init: \(lastGitErrorMessage())")
        let repo = try XCTUnwrap(repository)
        defer { git_repository_free(repo) }

        // A fresh repository has a HEAD that names a branch with no commit.
        XCTAssertEqual(git_repository_head_unborn(repo), 1)
        XCTAssertEqual(git_repository_is_empty(repo), 1)
        XCTAssertEqual(git_repository_is_bare(repo), 0)
        var head: OpaquePointer?
        XCTAssertEqual(git_repository_head(&head, repo), GIT_EUNBORNBRANCH.rawValue)
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.path + "/.git/HEAD"))
    }

    func testRuntimeLibraryIsTheVersionTheHeadersDescribe() throws {
        var major: Int32 = 0
        var minor: Int32 = 0
        var revision: Int32 = 0
        XCTAssertEqual(git_libgit2_version(&major, &minor, &revision), 0)
        // PolicyGit's socket stream repeats an internal struct of libgit2 1.5 (read
        // from its source), and refuses to start with a library of another minor version.
        XCTAssertEqual([major, minor], [LIBGIT2_VER_MAJOR, LIBGIT2_VER_MINOR])
        XCTAssertEqual([major, minor], [1, 5], "re-check GitSocketStream's layout against this libgit2's source")
    }

    private func lastGitErrorMessage() -> String {
        git_error_last().flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "no message"
    }
}
