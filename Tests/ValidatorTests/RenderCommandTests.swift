import Foundation
import TLSPolicyLab
import XCTest

/// `tls-policy-validator render` on the repository's own dataset, checked with real postmap.
final class RenderCommandTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func render(_ arguments: [String], output: URL) throws -> String {
        let binary = try ProductBinary.named("tls-policy-validator")
        let result = try binary.run(["render", "policy", "--postfix-version", "3.7", "-o", output.path] + arguments,
                                    in: Self.packageRoot)
        XCTAssertEqual(result.exitStatus, 0, result.stderrText)
        return try String(contentsOf: output, encoding: .utf8)
    }

    private func entries(_ table: String) -> [(key: String, value: String)] {
        table.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let space = line.firstIndex(of: " ") ?? line.endIndex
            return (String(line[..<space]), String(line[space...].dropFirst()))
        }
    }

    func testRenderedTableIsAcceptedByPostmapAndEveryEntryIsFound() throws {
        let scratch = try ScratchDirectory()
        let postmap = try RealPostmap(in: scratch)
        let output = scratch.url.appendingPathComponent("tls_policy")
        let table = try render([], output: output)
        let rendered = entries(table)
        XCTAssertGreaterThan(rendered.count, 200)
        XCTAssertEqual(rendered.map(\.key), rendered.map(\.key).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        XCTAssertFalse(rendered.contains { $0.value == "dane-only" }, "the default variant is safe without DNSSEC")

        let build = try postmap.run(["hash:\(output.path)"])
        XCTAssertEqual(build.exitStatus, 0, build.stderrText)
        XCTAssertEqual(build.stderrText + build.stdoutText, "", "postmap warns about nothing")
        let stored = try postmap.lookup(rendered.map(\.key), in: "hash:\(output.path)")
        for (key, value) in rendered {
            XCTAssertEqual(stored[key], value, key)
        }
    }

    func testDaneVariantMarksOnlyAnnotatedDomainsAndIsDeterministic() throws {
        let scratch = try ScratchDirectory()
        let pkix = entries(try render([], output: scratch.url.appendingPathComponent("pkix")))
        let daneTable = try render(["--dane"], output: scratch.url.appendingPathComponent("dane"))
        let again = try render(["--dane"], output: scratch.url.appendingPathComponent("dane-again"))
        XCTAssertEqual(daneTable, again, "byte-for-byte deterministic")
        let dane = entries(daneTable)
        XCTAssertEqual(dane.map(\.key), pkix.map(\.key))

        let annotated = try Self.daneAnnotatedKeys()
        XCTAssertFalse(annotated.isEmpty)
        for (index, entry) in dane.enumerated() {
            XCTAssertEqual(entry.value == "dane-only", annotated.contains(entry.key), entry.key)
            if entry.value != "dane-only" { XCTAssertEqual(entry.value, pkix[index].value) }
        }
    }

    func testHeaderNamesTheSourceCommit() throws {
        let scratch = try ScratchDirectory()
        let table = try render([], output: scratch.url.appendingPathComponent("t"))
        let git = try LabCommandRunner.run(["git", "-C", Self.packageRoot.path, "rev-parse", "HEAD"], timeout: 30)
        guard git.succeeded else { throw XCTSkip("the package is not a git checkout") }
        let head = git.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(table.contains("# Source commit: \(head)\n"), String(table.prefix(300)))
    }

    /// Keys whose entry is directly preceded by `#@ dane` in policy/*.policy, read independently of the renderer.
    static func daneAnnotatedKeys() throws -> Set<String> {
        let directory = packageRoot.appendingPathComponent("policy")
        var keys = Set<String>()
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".policy") {
            let lines = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
            var marked = false
            for line in lines {
                if line == "#@ dane" {
                    marked = true
                } else if line.hasPrefix("#") {
                    continue
                } else {
                    if marked, let key = line.split(separator: " ").first { keys.insert(String(key)) }
                    marked = false
                }
            }
        }
        return keys
    }
}
