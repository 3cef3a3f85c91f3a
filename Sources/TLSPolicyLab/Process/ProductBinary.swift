import Foundation

/// An executable product of this package, found in the build directory the
/// tests were built into, and run as a user would run it.
public struct ProductBinary: Sendable {
    /// The executable's location.
    public let url: URL

    /// Finds the product `name` in the build products directory that holds
    /// the running test bundle (SwiftPM puts executables and the test bundle
    /// side by side), so the tests run the binary built with them, not one
    /// from another build. Throws if it is not there, so no test passes
    /// without the real binary.
    public static func named(_ name: String) throws -> ProductBinary {
        for directory in candidateDirectories() {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return ProductBinary(url: candidate)
            }
        }
        throw ProductBinaryError.notFound(name: name, searched: candidateDirectories().map(\.path))
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
    /// `directory` (or the current one), with a deadline so that a hang fails the
    /// test instead of stalling the suite.
    public func run(_ arguments: [String], input: Data? = nil, in directory: URL? = nil,
                    timeout: TimeInterval = 30) throws -> ProcessResult {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("product-binary-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // Files rather than pipes: a child that writes more than a pipe holds
        // cannot block while we wait for it to exit.
        let stdoutURL = scratch.appendingPathComponent("stdout")
        let stderrURL = scratch.appendingPathComponent("stderr")
        for output in [stdoutURL, stderrURL] where !FileManager.default.createFile(atPath: output.path, contents: nil) {
            throw ProductBinaryError.cannotCreateOutputFile(path: output.path)
        }
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdout.close()
            try? stderr.close()
        }

        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let input {
            let inputURL = scratch.appendingPathComponent("stdin")
            try input.write(to: inputURL)
            process.standardInput = try FileHandle(forReadingFrom: inputURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()

        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw ProductBinaryError.timedOut(arguments: arguments, seconds: timeout)
        }
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self)
        )
    }
}

/// What a finished run of a product printed and how it exited.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let standardOutput: String
    public let standardError: String
}

/// Why a product could not be run.
public enum ProductBinaryError: Error, CustomStringConvertible {
    case notFound(name: String, searched: [String])
    case timedOut(arguments: [String], seconds: TimeInterval)
    case cannotCreateOutputFile(path: String)

    public var description: String {
        switch self {
        case let .notFound(name, searched):
            "no executable '\(name)' in \(searched.joined(separator: ", ")); "
                + "build it first (swift build --build-tests builds it)"
        case let .timedOut(arguments, seconds):
            "still running after \(seconds) s with arguments \(arguments); terminated"
        case let .cannotCreateOutputFile(path):
            "cannot create output file \(path)"
        }
    }
}
