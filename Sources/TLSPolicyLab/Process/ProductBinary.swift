import ExternalCommand
import Foundation

/// An executable this package builds (a product such as `tls-policy-validator`, or a
/// test-support executable target such as `LabSMTPServer`), found in the build
/// directory the tests were built into, and run as a user would run it.
public struct ProductBinary: Sendable {
    /// The executable's location.
    public let url: URL

    /// Finds the executable `name` in the build products directory that holds
    /// the running test bundle (SwiftPM puts executables and the test bundle
    /// side by side), so the tests run the binary built with them, not one
    /// from another build. Throws if it is not there, so no test passes
    /// without the real binary.
    public static func named(_ name: String) throws -> ProductBinary {
        let directories = candidateDirectories()
        for directory in directories {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return ProductBinary(url: candidate)
            }
        }
        throw ProductBinaryError.notFound(name: name, searched: directories.map(\.path))
    }

    /// The build products directory, however the tests were started: on
    /// Linux the test bundle is an executable in that directory; on macOS it
    /// is a `.xctest` bundle inside it, loaded by Xcode's `xctest` tool.
    private static func candidateDirectories() -> [URL] {
        var directories: [URL] = []
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL {
            directories.append(executable.deletingLastPathComponent())
        }
        var seen = Set<String>()
        return directories.map(\.standardizedFileURL).filter { seen.insert($0.path).inserted }
    }

    /// Runs the binary with `arguments`, `input` (or none) on standard input, in
    /// `directory` (or the current one), through the lab's ``LabCommandRunner``: with a
    /// deadline, after which the binary and every process it started are killed, so
    /// that a hang fails the test instead of stalling the suite.
    public func run(_ arguments: [String], input: Data? = nil, in directory: URL? = nil,
                    timeout: TimeInterval = 30) throws -> CommandResult {
        try LabCommandRunner.run([url.path] + arguments, input: input, timeout: timeout, directory: directory)
    }
}
