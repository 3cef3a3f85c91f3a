import Foundation
import XCTest

/// Runs the real `git` command line to build fixture repositories, the way a
/// maintainer would, so PolicyGit is checked against git itself.
struct GitCLI {
    /// The directory git runs in (`git -C`).
    let directory: String

    /// Runs `git -C directory <arguments>` with a fixed identity and no user
    /// or system configuration, and returns its standard output without the
    /// trailing newline. Fails the test (and throws) if git exits non-zero.
    @discardableResult
    func run(_ arguments: String..., file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory,
                             "-c", "user.name=Policy Test", "-c", "user.email=policy-test@example.org",
                             "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"] + arguments
        var environment = ProcessInfo.processInfo.environment
        // Keep the developer's own configuration out of the fixture.
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        for key in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CEILING_DIRECTORIES"] {
            environment.removeValue(forKey: key)
        }
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // git's output here is a few lines, far below a pipe's buffer, so
        // reading after exit cannot deadlock.
        process.waitUntilExit()
        let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            XCTFail("git \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(stderr)",
                    file: file, line: line)
            throw GitCLIError(arguments: arguments, status: process.terminationStatus, stderr: stderr)
        }
        return stdout.trimmingCharacters(in: .newlines)
    }

    /// Writes `contents` to `name` in the work tree and commits it.
    func commitFile(_ name: String, contents: String, message: String) throws {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
        try run("add", "--", name)
        try run("commit", "--quiet", "-m", message)
    }
}

/// A `git` command that exited non-zero.
struct GitCLIError: Error {
    let arguments: [String]
    let status: Int32
    let stderr: String
}
