import Foundation
import PolicyGit
import XCTest

/// `GitLibrary` initialises libgit2 once, from any thread.
final class GitLibraryTests: XCTestCase {
    func testConcurrentInitialisationAndOpeningSucceed() throws {
        let directory = try TemporaryDirectory(prefix: "policygit-threads")
        let git = GitCLI(directory: directory.path)
        try git.run("init", "--quiet")
        try git.commitFile("a", contents: "1\n", message: "first")
        let expected = try git.run("rev-parse", "HEAD")
        let path = directory.path

        // Each iteration opens its own repository: GitRepository is not shared across threads.
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            do {
                try GitLibrary.initialise()
                let head = try GitRepository(discoveringFrom: path).headCommitID()
                if head != expected { failures.record("head \(head ?? "nil") != \(expected)") }
            } catch {
                failures.record("\(error)")
            }
        }
        XCTAssertEqual(failures.messages, [])
    }
}

/// Failure messages gathered from concurrent work.
private final class Failures: @unchecked Sendable {
    // @unchecked: every access to `stored` holds `lock`.
    private let lock = NSLock()
    private var stored: [String] = []

    func record(_ message: String) {
        lock.lock()
        defer { lock.unlock() }
        stored.append(message)
    }

    var messages: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
