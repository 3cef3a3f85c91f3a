import Foundation
import TLSPolicyLab

/// The `tls-policy-validator` executable built next to this test bundle.
enum ValidatorBinary {
    static let productName = "tls-policy-validator"

    /// Why the binary could not be used; a test failure, never a skip.
    enum Failure: Error, CustomStringConvertible {
        case notBuilt(searched: [String])
        case usageOrIOError(argv: [String], status: Int32, stderr: String)
        case badJSON(argv: [String], error: String, stdout: String)

        var description: String {
            switch self {
            case .notBuilt(let searched):
                return "\(ValidatorBinary.productName) not found in \(searched.joined(separator: ", ")); "
                    + "build it with the tests (swift build --build-tests)"
            case .usageOrIOError(let argv, let status, let stderr):
                return "\(argv.joined(separator: " ")) exited \(status) (usage or I/O error): \(stderr)"
            case .badJSON(let argv, let error, let stdout):
                return "\(argv.joined(separator: " ")) printed JSON that does not decode (\(error)): \(stdout.prefix(500))"
            }
        }
    }

    /// The build products directories: the one holding the `.xctest` bundle (macOS) or the
    /// test executable itself (Linux); SwiftPM puts executables there too.
    static var candidateDirectories: [URL] {
        var directories = Bundle.allBundles.filter { $0.bundleURL.pathExtension == "xctest" }.map { $0.bundleURL.deletingLastPathComponent() }
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        var seen = Set<String>()
        return directories.map(\.standardizedFileURL).filter { seen.insert($0.path).inserted }
    }

    /// The binary's path; throws ``Failure/notBuilt(searched:)`` when it is missing.
    static func path() throws -> String {
        for directory in candidateDirectories {
            let candidate = directory.appendingPathComponent(productName).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Failure.notBuilt(searched: candidateDirectories.map(\.path))
    }

    /// Runs `lint --rules postfix --postfix-version VERSION --format json FILE` and decodes
    /// its output. Exit 0 (clean) and 1 (errors) are results; 2 is a failure.
    static func lint(_ file: URL, postfixVersion: String = "3.7", extraArguments: [String] = []) throws -> LintDocument {
        let argv = [try path(), "lint", "--rules", "postfix", "--postfix-version", postfixVersion, "--format", "json"]
            + extraArguments + [file.path]
        let result = try CommandRunner.run(argv, timeout: 120)
        guard result.exitStatus == 0 || result.exitStatus == 1 else {
            throw Failure.usageOrIOError(argv: argv, status: result.exitStatus, stderr: result.stderrText)
        }
        do {
            return try JSONDecoder().decode(LintDocument.self, from: result.stdout)
        } catch {
            throw Failure.badJSON(argv: argv, error: "\(error)", stdout: result.stdoutText)
        }
    }
}
