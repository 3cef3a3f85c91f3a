import Foundation
import XCTest

/// C stays behind the walls of the module that wraps it: every Swift file under Sources/
/// imports the C modules with `internal import`, so no C type can reach a public
/// signature (the compiler refuses one) and no other module sees C at all.
final class CModuleImportTests: XCTestCase {
    /// The package's C modules (system libraries and the shims).
    static let cModules: Set<String> = ["CGit2", "COpenSSL", "CCurl", "CResolv", "COpenSSLShims", "CCurlShims"]

    func testEveryCModuleImportUnderSourcesIsInternal() throws {
        let sources = RepositoryRoot.url.appendingPathComponent("Sources")
        let files = try XCTUnwrap(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" }
        XCTAssertGreaterThan(files.count, 100, "the scan found the sources")
        var importsSeen = 0
        var offenders: [String] = []
        for file in files {
            let relative = String(file.path.dropFirst(RepositoryRoot.url.path.count + 1))
            let text = try String(contentsOf: file, encoding: .utf8)
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                guard let module = Self.importedModule(line), Self.cModules.contains(module.name) else { continue }
                importsSeen += 1
                if module.access != "internal" { offenders.append("\(relative):\(index + 1): \(line)") }
            }
        }
        XCTAssertGreaterThan(importsSeen, 10, "the scan recognised the C imports it checks")
        XCTAssertEqual(offenders, [], "C modules imported without `internal import`")
    }

    func testTheScanTellsTheImportForms() {
        XCTAssertEqual(Self.importedModule("import COpenSSL")?.access, "")
        XCTAssertEqual(Self.importedModule("internal import CResolv")?.name, "CResolv")
        XCTAssertEqual(Self.importedModule("@preconcurrency public import CCurl")?.access, "public")
        XCTAssertEqual(Self.importedModule("  internal import CCurlShims // macros")?.access, "internal")
        XCTAssertNil(Self.importedModule("// import COpenSSL"))
        XCTAssertNil(Self.importedModule("let important = 1"))
    }

    /// The module an `import` line names and the access level written before `import`
    /// (empty when none); nil for any other line.
    static func importedModule(_ line: Substring) -> (name: String, access: String)? {
        let words = line.split(whereSeparator: \.isWhitespace).filter { !$0.hasPrefix("@") }
        guard let position = words.firstIndex(of: "import"), position + 1 < words.count else { return nil }
        let before = words[..<position]
        let levels: Set<Substring> = ["public", "package", "internal", "fileprivate", "private"]
        guard before.count <= 1, before.allSatisfy(levels.contains) else { return nil }
        return (String(words[position + 1]), before.first.map(String.init) ?? "")
    }

    static func importedModule(_ line: String) -> (name: String, access: String)? { importedModule(line[...]) }
}
