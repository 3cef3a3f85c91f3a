import Foundation
import TLSPolicyLab

/// One `Fixtures/*.policy` file and the expectations written in it.
///
/// Convention (shared with the core library's unit tests): a block of comment lines
/// `# expect VERSION: VERDICT` directly above an entry gives Postfix VERSION's verdict
/// on that entry; the block applies to the entry that starts on the next line.
struct PolicyFixture {
    let url: URL
    let data: Data
    /// Entry start line -> Postfix version ("3.7", "3.10", ...) -> verdict.
    let expectations: [Int: [String: FixtureVerdict]]

    var name: String { url.lastPathComponent }

    /// The folder that holds the fixtures, found from this source file's path (the
    /// package declares no resources for this target, so there is no bundle to ask).
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    /// Every fixture, sorted by name; throws when the folder is empty or a file is malformed.
    static func all() throws -> [PolicyFixture] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".policy") }.sorted()
        guard !names.isEmpty else { throw FixtureError.malformed(file: directory.path, line: 0, why: "no .policy fixtures") }
        return try names.map { try load(directory.appendingPathComponent($0)) }
    }

    /// Reads one fixture and its expectation lines (the file may hold any bytes).
    static func load(_ url: URL) throws -> PolicyFixture {
        let data = try LabFileSystem.read(url)
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if data.last == UInt8(ascii: "\n") { lines.removeLast() }
        var expectations: [Int: [String: FixtureVerdict]] = [:]
        var pending: [String: FixtureVerdict] = [:]
        var pendingLine = 0
        for (index, raw) in lines.enumerated() {
            var text = String(decoding: raw, as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            if text.hasPrefix("# expect ") {
                let rest = text.dropFirst("# expect ".count)
                guard let colon = rest.firstIndex(of: ":") else {
                    throw FixtureError.malformed(file: url.lastPathComponent, line: index + 1, why: "expected '# expect VERSION: VERDICT'")
                }
                let version = String(rest[..<colon])
                let word = rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                guard let verdict = FixtureVerdict(rawValue: word), version.split(separator: ".").count == 2 else {
                    throw FixtureError.malformed(file: url.lastPathComponent, line: index + 1, why: "unknown version or verdict in '\(text)'")
                }
                guard pending[version] == nil else {
                    throw FixtureError.malformed(file: url.lastPathComponent, line: index + 1, why: "second expectation for \(version) in one block")
                }
                pending[version] = verdict
                pendingLine = index + 1
                continue
            }
            if !pending.isEmpty {
                expectations[index + 1] = pending
                pending = [:]
            }
        }
        if !pending.isEmpty {
            throw FixtureError.malformed(file: url.lastPathComponent, line: pendingLine, why: "expectation at the end of the file, with no entry below")
        }
        return PolicyFixture(url: url, data: data, expectations: expectations)
    }

    /// The verdict expected from Postfix `version` for the entry starting at `line`.
    func expectation(version: String, line: Int) -> FixtureVerdict? {
        expectations[line]?[version]
    }
}

/// A fixture file that does not follow the convention.
enum FixtureError: Error, CustomStringConvertible {
    case malformed(file: String, line: Int, why: String)

    var description: String {
        switch self {
        case .malformed(let file, let line, let why): return "\(file):\(line): \(why)"
        }
    }
}
