import Foundation
import TLSPolicyLab
import XCTest

/// `tls-policy-validator lint`, run as the built binary.
final class LintCommandTests: XCTestCase {
    private let broken = """
        good.example secure match=.mx.example.net
        bad.example encrypt match=.x.example
        other.example secure
            bogus

        """

    private func validator() throws -> ProductBinary { try ProductBinary.named("tls-policy-validator") }

    func testBrokenFileGetsExactPositionsAndReasonsInText() throws {
        let scratch = try ScratchDirectory()
        let file = try scratch.write("broken.policy", broken)
        let result = try validator().run(["lint", "--rules", "postfix", "--postfix-version", "3.7", file.path])
        XCTAssertEqual(result.exitStatus, 1)
        XCTAssertEqual(result.stdoutText, """
            \(file.path):2:21: error: attribute "match" invalid at security level "encrypt" [policy/attribute-invalid-at-level]
            \(file.path):4:5: error: malformed attribute/value pair "bogus": missing '=' after attribute name [policy/malformed-attribute]

            """)
    }

    func testBrokenFileGetsExactPositionsInJSON() throws {
        let scratch = try ScratchDirectory()
        let file = try scratch.write("broken.policy", broken)
        let result = try validator().run(["lint", "--rules", "postfix", "--postfix-version", "3.7", "--format", "json", file.path])
        XCTAssertEqual(result.exitStatus, 1)
        let document = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(result.stdoutText.utf8)) as? [String: Any])
        XCTAssertEqual(document["version"] as? Int, 1)
        let diagnostics = try XCTUnwrap(document["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics.count, 2)
        XCTAssertEqual(diagnostics[0]["file"] as? String, file.path)
        XCTAssertEqual(diagnostics[0]["line"] as? Int, 2)
        XCTAssertEqual(diagnostics[0]["column"] as? Int, 21)
        XCTAssertEqual(diagnostics[0]["severity"] as? String, "error")
        XCTAssertEqual(diagnostics[0]["rule"] as? String, "policy/attribute-invalid-at-level")
        XCTAssertEqual(diagnostics[0]["key"] as? String, "bad.example")
        XCTAssertEqual(diagnostics[1]["line"] as? Int, 4)
        XCTAssertEqual(diagnostics[1]["column"] as? Int, 5)
        let summary = try XCTUnwrap(document["summary"] as? [String: Int])
        XCTAssertEqual(summary["errors"], 2)
        XCTAssertEqual(summary["entries"], 3)
    }

    func testBrokenFileGetsGitHubAnnotationsOnTheLine() throws {
        let scratch = try ScratchDirectory()
        let file = try scratch.write("broken.policy", broken)
        let result = try validator().run(["lint", "--rules", "postfix", "--postfix-version", "3.7", "--format", "github", file.path])
        XCTAssertEqual(result.exitStatus, 1)
        let lines = result.stdoutText.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(String(lines[0]),
                       "::error file=\(file.path),line=2,col=21,title=policy/attribute-invalid-at-level::"
                           + "attribute \"match\" invalid at security level \"encrypt\"")
        XCTAssertTrue(lines[1].hasPrefix("::error file=\(file.path),line=4,col=5,title=policy/malformed-attribute::"))
    }

    func testCleanInputExitsZeroStandardInputWorksAndUnreadablePathExitsTwo() throws {
        let binary = try validator()
        let clean = try binary.run(["lint", "--rules", "postfix", "--postfix-version", "3.7", "-"],
                                   input: Data("a.example secure match=.mx.example.net\n".utf8))
        XCTAssertEqual(clean.exitStatus, 0, clean.stderrText)
        XCTAssertEqual(clean.stdoutText, "")
        let warned = try binary.run(["lint", "--rules", "postfix", "--postfix-version", "3.7", "-"],
                                    input: Data("a.example secure match=:\n".utf8))
        XCTAssertEqual(warned.exitStatus, 0, "warnings alone do not fail")
        XCTAssertTrue(warned.stdoutText.contains("-:1:18: warning:"), warned.stdoutText)
        let missing = try binary.run(["lint", "--rules", "postfix", "--postfix-version", "3.7", "/nonexistent/table"])
        XCTAssertEqual(missing.exitStatus, 2)
        XCTAssertTrue(missing.stderrText.contains("/nonexistent/table"), missing.stderrText)
    }

    func testUsageErrorsExitTwoWhateverDetectsThem() throws {
        let binary = try validator()
        for arguments in [["lint", "--no-such-option"], ["lint", "--format", "yaml", "-"], ["lint", "--postfix-version", "three"],
                          ["no-such-command"]] {
            let result = try binary.run(arguments, input: Data("a.example encrypt\n".utf8))
            XCTAssertEqual(result.exitStatus, 2, "\(arguments): \(result.stderrText)")
            XCTAssertFalse(result.stderrText.isEmpty, "\(arguments) says why")
        }
        XCTAssertEqual(try binary.run(["--help"]).exitStatus, 0)
    }

    func testTargetVersionDecidesAttributeValidity() throws {
        let input = Data("a.example encrypt enable_rpk=yes\n".utf8)
        let old = try validator().run(["lint", "--rules", "postfix", "--postfix-version", "3.8", "-"], input: input)
        XCTAssertEqual(old.exitStatus, 1)
        XCTAssertTrue(old.stdoutText.contains("[policy/attribute-needs-newer-postfix]"))
        let new = try validator().run(["lint", "--rules", "postfix", "--postfix-version", "3.9", "-"], input: input)
        XCTAssertEqual(new.exitStatus, 0, new.stdoutText)
    }

    func testFixIsIdempotentAndPostmapStoresTheSameEntriesBeforeAndAfter() throws {
        let scratch = try ScratchDirectory()
        let postmap = try RealPostmap(in: scratch)
        let messy = """
            # Provider: Example
            # Evidence: test, 2026-11-23
            Zeta.Example   SECURE,Match=.mx.example.net
            # evidence for alpha
            alpha.example\tencrypt
               protocols=>=TLSv1.2 ,  ciphers=high
            .beta.example verify match=hostname:mx.beta.example

            """
        let file = try scratch.write("example.policy", messy)
        let original = try scratch.write("original", messy)
        let binary = try validator()
        let first = try binary.run(["lint", "--rules", "dataset", "--postfix-version", "3.7", "--fix", file.path])
        XCTAssertEqual(first.exitStatus, 0, first.stdoutText + first.stderrText)
        let fixed = try String(contentsOf: file, encoding: .utf8)
        XCTAssertEqual(fixed, """
            # Provider: Example
            # Evidence: test, 2026-11-23

            .beta.example verify match=hostname:mx.beta.example
            # evidence for alpha
            alpha.example encrypt protocols=>=TLSv1.2 ciphers=high
            zeta.example secure match=.mx.example.net

            """)
        let second = try binary.run(["lint", "--rules", "dataset", "--postfix-version", "3.7", "--fix", file.path])
        XCTAssertEqual(second.exitStatus, 0)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), fixed, "--fix is idempotent")
        XCTAssertFalse(second.stderrText.contains("rewritten"))

        // What Postfix stores (keys folded, values as the SMTP client tokenizes them) is unchanged.
        func tokens(_ lines: [String]) -> [String] {
            lines.map { line in
                line.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).joined(separator: " ")
            }
        }
        XCTAssertEqual(tokens(try postmap.dump(original)), tokens(try postmap.dump(file)))
    }

    func testFixLeavesAFileWithAnInvalidEntryAlone() throws {
        let scratch = try ScratchDirectory()
        let text = "# Provider: X\n# Evidence: y\n\nb.example encrypt match=x\na.example secure\n"
        let file = try scratch.write("x.policy", text)
        let result = try validator().run(["lint", "--rules", "dataset", "--postfix-version", "3.7", "--fix", file.path])
        XCTAssertEqual(result.exitStatus, 1)
        XCTAssertTrue(result.stderrText.contains("not rewritten"), result.stderrText)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), text)
    }
}
