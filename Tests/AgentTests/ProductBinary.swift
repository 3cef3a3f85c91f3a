import Foundation

/// An executable product of this package, found in the build directory the
/// tests were built into, and run as a user would run it.
struct ProductBinary {
    /// The executable's location.
    let url: URL

    /// Finds the product `name` in the build products directory that holds
    /// the running test bundle (SwiftPM puts executables and the test bundle
    /// side by side), so the tests run the binary built with them, not one
    /// from another build. Throws if it is not there, so no test passes
    /// without the real binary.
    static func named(_ name: String) throws -> ProductBinary {
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

    /// Runs the binary with `arguments`, no standard input, and a deadline so
    /// that a hang fails the test instead of stalling the suite.
    func run(_ arguments: [String], timeout: TimeInterval = 30) throws -> ProcessResult {
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
        process.standardInput = FileHandle.nullDevice
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
struct ProcessResult {
    let status: Int32
    let standardOutput: String
    let standardError: String
}

/// Why a product could not be run.
enum ProductBinaryError: Error, CustomStringConvertible {
    case notFound(name: String, searched: [String])
    case timedOut(arguments: [String], seconds: TimeInterval)
    case cannotCreateOutputFile(path: String)

    var description: String {
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
