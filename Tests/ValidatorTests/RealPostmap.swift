import ExternalCommand
import Foundation
import TLSPolicyLab
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

    /// `postmap -c DIR ARGUMENTS…` through the lab's runner (a deadline, output in files).
    @discardableResult
    func run(_ arguments: [String], input: Data? = nil) throws -> CommandResult {
        try LabCommandRunner.run(["postmap", "-c", configDirectory.path] + arguments, input: input, timeout: 60)
    }

    /// Builds the map, then lists every stored key and value as `postmap -s` dumps them, sorted.
    func dump(_ table: URL) throws -> [String] {
        let build = try run(["hash:\(table.path)"])
        XCTAssertEqual(build.exitStatus, 0, build.stderrText)
        let result = try run(["-s", "hash:\(table.path)"])
        XCTAssertEqual(result.exitStatus, 0, result.stderrText)
        return result.stdoutText.split(separator: "\n").map(String.init).sorted()
    }

    /// The stored value of each of `keys` found in the built map, in one `postmap -q -` run.
    func lookup(_ keys: [String], in map: String) throws -> [String: String] {
        let result = try run(["-q", "-", map], input: Data(keys.map { $0 + "\n" }.joined().utf8))
        // Status 1 only means some key was not found.
        XCTAssertTrue(result.exitStatus == 0 || result.exitStatus == 1, result.stderrText)
        var values: [String: String] = [:]
        for line in result.stdoutText.split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            values[String(line[..<tab])] = String(line[line.index(after: tab)...])
        }
        return values
    }
}
