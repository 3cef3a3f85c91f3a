import Foundation
import PolicyGit
import XCTest

/// `GitRepository.headCommitID()` agrees with `git rev-parse HEAD`.
final class GitRepositoryHeadTests: XCTestCase {
    func testHeadCommitIDEqualsGitRevParseHead() throws {
        let directory = try TemporaryDirectory(prefix: "policygit-head")
        let git = GitCLI(directory: directory.path)
        try git.run("init", "--quiet")
        try git.commitFile("policy/example.org", contents: "example.org secure\n", message: "first")
        try git.commitFile("policy/example.net", contents: "example.net encrypt\n", message: "second")

        let repository = try GitRepository(discoveringFrom: directory.path)
        let expected = try git.run("rev-parse", "HEAD")
        XCTAssertEqual(try repository.headCommitID(), expected)
        XCTAssertEqual(expected.count, 40)
    }

    func testHeadCommitIDFollowsDetachedHead() throws {
        let directory = try TemporaryDirectory(prefix: "policygit-detached")
        let git = GitCLI(directory: directory.path)
        try git.run("init", "--quiet")
        try git.commitFile("a", contents: "1\n", message: "first")
        let first = try git.run("rev-parse", "HEAD")
        try git.commitFile("a", contents: "2\n", message: "second")
        try git.run("checkout", "--quiet", "--detach", first)

        let repository = try GitRepository(discoveringFrom: directory.path)
        XCTAssertEqual(try repository.headCommitID(), first)
    }

    func testHeadCommitIDIsNilOnUnbornBranch() throws {
        let directory = try TemporaryDirectory(prefix: "policygit-unborn")
        try GitCLI(directory: directory.path).run("init", "--quiet")

        let repository = try GitRepository(discoveringFrom: directory.path)
        XCTAssertNil(try repository.headCommitID())
    }

    func testHeadCommitIDOfBareRepositoryEqualsGitRevParseHead() throws {
        let directory = try TemporaryDirectory(prefix: "policygit-bare")
        let work = directory.path + "/work"
        let bare = directory.path + "/bare.git"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let git = GitCLI(directory: work)
        try git.run("init", "--quiet")
        try git.commitFile("a", contents: "1\n", message: "first")
        try git.run("clone", "--quiet", "--bare", work, bare)

        let repository = try GitRepository(discoveringFrom: bare)
        XCTAssertTrue(repository.isBare)
        XCTAssertNil(repository.workingDirectory)
        XCTAssertEqual(try repository.headCommitID(), try GitCLI(directory: bare).run("rev-parse", "HEAD"))
    }
}
