import Foundation
import PolicyGit
import XCTest

/// `GitRepository(discoveringFrom:)` finds a repository the way git does, and
/// says precisely why when there is none.
final class GitRepositoryDiscoveryTests: XCTestCase {
    func testDiscoveryFromSubdirectoryFindsEnclosingRepository() throws {
        let directory = try TemporaryDirectory(prefix: "policygit-discover")
        let git = GitCLI(directory: directory.path)
        try git.run("init", "--quiet")
        try git.commitFile("policy/providers/example.org", contents: "example.org secure\n", message: "first")

        let repository = try GitRepository(discoveringFrom: directory.path + "/policy/providers")
        XCTAssertEqual(repository.workingDirectory, directory.path + "/")
        XCTAssertEqual(repository.gitDirectory, directory.path + "/.git/")
        XCTAssertFalse(repository.isBare)
        XCTAssertEqual(try repository.headCommitID(), try git.run("rev-parse", "HEAD"))
    }

    func testNonRepositoryThrowsNotFoundWithOperationAndMessage() throws {
        let directory = try TemporaryDirectory(prefix: "policygit-none")
        let inside = directory.path + "/not-a-repository"
        try FileManager.default.createDirectory(atPath: inside, withIntermediateDirectories: true)

        // The ceiling keeps the search inside the fixture, so a repository
        // that happens to enclose the temporary directory cannot be found.
        do throws(GitError) {
            let repository = try GitRepository(discoveringFrom: inside, ceilingDirectories: [directory.path])
            XCTFail("expected no repository, opened \(repository.gitDirectory)")
        } catch {
            // `do throws(GitError)`: `error` is a GitError here, no cast.
            XCTAssertEqual(error.code, .notFound)
            XCTAssertEqual(error.errorClass, .repository)
            XCTAssertEqual(error.operation, "git_repository_open_ext")
            XCTAssertTrue(error.message.contains(inside), "message: \(error.message)")
            XCTAssertTrue(error.description.contains("git_repository_open_ext"), "\(error)")
        }
    }

    func testMissingPathThrowsNotFound() throws {
        let directory = try TemporaryDirectory(prefix: "policygit-missing")
        do throws(GitError) {
            _ = try GitRepository(discoveringFrom: directory.path + "/does/not/exist")
            XCTFail("expected no repository")
        } catch {
            XCTAssertEqual(error.code, .notFound)
        }
    }
}
