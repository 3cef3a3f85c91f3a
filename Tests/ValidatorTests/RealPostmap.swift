import Foundation
import XCTest

/// The installed `postmap`, with a private main.cf so that it does not depend on (or
/// touch) the host's Postfix configuration.
struct RealPostmap {
    let configDirectory: URL

    init(in scratch: ScratchDirectory) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/postmap") else {
            throw XCTSkip("postmap is not installed; scripts/setup installs it")
        }
        configDirectory = scratch.url.appendingPathComponent("postfix-config")
        try FileManager.default.createDirectory(at: configDirectory, withIntermediateDirectories: true)
        let mainCF = configDirectory.appendingPathComponent("main.cf")
        try Data("compatibility_level = 3.6\n".utf8).write(to: mainCF)
        // Postfix naps ~2 s when main.cf is younger than a second.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)],
                                              ofItemAtPath: mainCF.path)
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/postmap")
        process.arguments = ["-c", configDirectory.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Builds the map, then lists every stored key and value as `postmap -s` dumps them, sorted.
    func dump(_ table: URL) throws -> [String] {
        let build = try run(["hash:\(table.path)"])
        XCTAssertEqual(build.status, 0, build.output)
        let result = try run(["-s", "hash:\(table.path)"])
        XCTAssertEqual(result.status, 0, result.output)
        return result.output.split(separator: "\n").map(String.init).sorted()
    }
}
