import ExternalCommand
import Foundation
import TLSPolicyLab
import XCTest

/// The exit statuses both tools promise, through the real `tls-policy-validator`:
/// 0 success, 1 failure or refusal, 2 usage or I/O error. (Lint's 0/1/2 and probe's usage
/// errors have their own tests; these cover the other commands and the help texts.)
final class ExitStatusContractTests: XCTestCase {
    private func validator() throws -> ProductBinary { try ProductBinary.named("tls-policy-validator") }

    private func assertStatus(_ expected: Int32, _ arguments: [String], in directory: URL? = nil,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try validator().run(arguments, in: directory)
        XCTAssertEqual(result.exitStatus, expected, "\(arguments): \(result.stderrText)", file: file, line: line)
        if expected != 0 {
            XCTAssertFalse(result.stderrText.isEmpty, "\(arguments) says why", file: file, line: line)
        }
    }

    func testEveryHelpTextStatesTheContract() throws {
        // The help is wrapped to the terminal's width: compare with single spaces.
        func help(_ arguments: [String]) throws -> String {
            let result = try validator().run(arguments + ["--help"])
            XCTAssertEqual(result.exitStatus, 0, "\(arguments) --help")
            return result.stdoutText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let root = try help([])
        XCTAssertTrue(root.contains("0 success; 1 failure or refusal"), root)
        XCTAssertTrue(root.contains("2 usage or I/O error"), root)
        for command in ["lint", "render", "import", "probe", "report"] {
            let text = try help([command])
            XCTAssertTrue(text.contains("Exit status: 0 "), "\(command) --help: \(text)")
            XCTAssertTrue(text.contains("2 usage or I/O error"), "\(command) --help: \(text)")
        }
    }

    func testRenderRefusesWithOneAndCannotWriteWithTwo() throws {
        let scratch = try ScratchDirectory()
        let dataset = scratch.url.appendingPathComponent("policy")
        try FileManager.default.createDirectory(at: dataset, withIntermediateDirectories: true)
        _ = try scratch.write("policy/dataset.cf", "minimum_postfix_version = 3.5\n")
        _ = try scratch.write("policy/example.policy", "# Provider: Example\n# Evidence: test\n\nexample.test secure match=.mx.example.test\n")
        let unwritable = scratch.url.appendingPathComponent("no-such-directory/tls_policy").path
        try assertStatus(2, ["render", dataset.path, "--postfix-version", "3.7", "-o", unwritable])
        try assertStatus(2, ["render", scratch.url.appendingPathComponent("missing").path])

        _ = try scratch.write("policy/example.policy", "# Provider: Example\n# Evidence: test\n\nexample.test secure match=\n")
        let output = scratch.url.appendingPathComponent("tls_policy").path
        try assertStatus(1, ["render", dataset.path, "--postfix-version", "3.7", "-o", output])
        XCTAssertFalse(FileManager.default.fileExists(atPath: output), "a refused render writes nothing")
    }

    func testImportSaysRefusalWithOneAndUsageOrIOWithTwo() throws {
        let scratch = try ScratchDirectory()
        let list = try scratch.write("tls_policy", "# csware list\nexample.test secure match=.mx.example.test\n")
        let output = scratch.url.appendingPathComponent("policy")
        try assertStatus(0, ["import", "--from", "csware", list.path, "--output", output.path])
        let written = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        XCTAssertTrue(written.contains("dataset.cf"), "\(written)")
        XCTAssertFalse(written.contains { $0.hasPrefix(".") }, "no temporary left behind: \(written)")

        // Refusals: nothing to keep; a provider file from another source in the way.
        let weak = try scratch.write("weak", "example.test may\n")
        try assertStatus(1, ["import", "--from", "csware", weak.path, "--output", output.path])
        let policyFile = try XCTUnwrap(written.first { $0.hasSuffix(".policy") })
        let foreign = output.appendingPathComponent(policyFile)
        let handWritten = "# Provider: Example\n# Evidence: written by hand\n\nexample.test secure match=.mx.example.test\n"
        try Data(handWritten.utf8).write(to: foreign)
        try assertStatus(1, ["import", "--from", "csware", list.path, "--output", output.path])
        XCTAssertEqual(try String(contentsOf: foreign, encoding: .utf8), handWritten, "a refusal loses nothing")

        // Usage and I/O errors: a bad option, an option the manifest contradicts, an input
        // that is not there, an output that is not a directory.
        try assertStatus(2, ["import", "--from", "csware", list.path, "--minimum-postfix-version", "three"])
        try assertStatus(2, ["import", "--from", "eff", list.path, "--dane-variant", list.path])
        try assertStatus(2, ["import", "--from", "csware", list.path, "--output", output.path, "--minimum-postfix-version", "3.9"])
        try assertStatus(2, ["import", "--from", "csware", scratch.url.appendingPathComponent("missing").path])
        try assertStatus(2, ["import", "--from", "csware", list.path, "--output", list.path])
    }

    func testReportWithoutInputIsAUsageError() throws {
        try assertStatus(2, ["report", "-o", try ScratchDirectory().url.path])
    }
}
