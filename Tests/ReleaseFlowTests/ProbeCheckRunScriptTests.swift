import Foundation
import TLSPolicyLab
import XCTest

/// `.github/scripts/probe-check-run.js` turns the probe job's files into the check run the
/// pull request shows. Run by Node.js on the real escaper's output: the workflow commands
/// `tls-policy-validator lint --format github` writes (one `GitHubAnnotation` escaper for
/// lint and probe) come back as the same file, line, title and message the JSON output
/// names, a file name with `,` `:` and `%` included.
final class ProbeCheckRunScriptTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = try LabFileSystem.makeTemporaryDirectory(prefix: "probe-check-run")
    }

    override func tearDownWithError() throws {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    /// Runs `checkOutput` of the script on `directory` and decodes what it returns.
    private func checkOutput(directory: URL, probeResult: String) throws -> [String: Any] {
        guard (try? LabCommandRunner.locate("node")) != nil else {
            let message = "node is not installed (scripts/test installs nodejs)"
            if ProcessInfo.processInfo.environment["CI"] == "true" { throw LabError.invalidArgument(message) }
            throw XCTSkip(message)
        }
        let script = RepositoryRoot.url.appendingPathComponent(".github/scripts/probe-check-run.js").path
        let program = """
            const check = require(process.argv[1]);
            const result = check.checkOutput({ directory: process.argv[2], probeResult: process.argv[3], runURL: 'RUN' });
            process.stdout.write(JSON.stringify(result));
            """
        let result = try LabCommandRunner.run(["node", "-e", program, script, directory.path, probeResult], timeout: 30).checked()
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdoutText.utf8)) as? [String: Any])
    }

    func testAnnotationsComeBackAsTheValidatorWroteThem() throws {
        let validator = try ProductBinary.named("tls-policy-validator")
        let table = scratch.appendingPathComponent("odd,name:100%0A.policy")
        try LabFileSystem.write("example.com bogus\nfoo.example secure match=\nexample.net encrypt\n", to: table)
        let github = try validator.run(["lint", "--rules", "postfix", "--format", "github", table.path])
        XCTAssertEqual(github.exitStatus, 1, github.stderrText)
        let json = try validator.run(["lint", "--rules", "postfix", "--format", "json", table.path])
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdoutText.utf8)) as? [String: Any])
        let diagnostics = try XCTUnwrap(document["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics.count, 2)

        let results = scratch.appendingPathComponent("results")
        try LabFileSystem.createDirectory(results)
        try LabFileSystem.write(github.stdoutText + "2 entries fail\n", to: results.appendingPathComponent("annotations.txt"))
        try LabFileSystem.write("## Probe\n\n| key | verdict |\n", to: results.appendingPathComponent("summary.md"))
        try LabFileSystem.write("", to: results.appendingPathComponent("stderr.txt"))
        try LabFileSystem.write("1\n", to: results.appendingPathComponent("status"))

        let output = try checkOutput(directory: results, probeResult: "failure")
        XCTAssertEqual(output["conclusion"] as? String, "failure")
        XCTAssertEqual(output["title"] as? String, "2 entries fail", "the summary line names the check")
        XCTAssertEqual(output["summary"] as? String, "## Probe\n\n| key | verdict |\n")
        let annotations = try XCTUnwrap(output["annotations"] as? [[String: Any]])
        XCTAssertEqual(annotations.count, diagnostics.count)
        for (annotation, diagnostic) in zip(annotations, diagnostics) {
            XCTAssertEqual(annotation["path"] as? String, table.path)
            XCTAssertEqual(annotation["path"] as? String, diagnostic["file"] as? String)
            XCTAssertEqual(annotation["start_line"] as? Int, diagnostic["line"] as? Int)
            XCTAssertEqual(annotation["end_line"] as? Int, diagnostic["line"] as? Int)
            XCTAssertEqual(annotation["title"] as? String, diagnostic["rule"] as? String)
            XCTAssertEqual(annotation["message"] as? String, diagnostic["message"] as? String)
            XCTAssertEqual(annotation["annotation_level"] as? String, "failure")
        }
    }

    func testAPassingProbeSucceedsAndAMissingResultFailsSayingSo() throws {
        let results = scratch.appendingPathComponent("passed")
        try LabFileSystem.createDirectory(results)
        try LabFileSystem.write("probed 1 entry: 1 pass\n", to: results.appendingPathComponent("annotations.txt"))
        try LabFileSystem.write("0\n", to: results.appendingPathComponent("status"))
        let passed = try checkOutput(directory: results, probeResult: "success")
        XCTAssertEqual(passed["conclusion"] as? String, "success")
        XCTAssertEqual((passed["annotations"] as? [Any])?.count, 0)

        // The job failed after probing (say, the upload): not a success, whatever the status file says.
        let jobFailed = try checkOutput(directory: results, probeResult: "failure")
        XCTAssertEqual(jobFailed["conclusion"] as? String, "failure")

        // A blind runner: the probe writes one command about the whole run (no file, which
        // a check-run annotation needs) and a message on stderr; both reach the check run.
        let blind = scratch.appendingPathComponent("blind")
        try LabFileSystem.createDirectory(blind)
        try LabFileSystem.write("::error title=probe/blind-runner::probe: this host cannot reach port 25%0A(12 of 12 addresses)\nprobed 5 entries\n",
                                to: blind.appendingPathComponent("annotations.txt"))
        try LabFileSystem.write("tls-policy-validator probe: this host cannot reach port 25\n", to: blind.appendingPathComponent("stderr.txt"))
        try LabFileSystem.write("1\n", to: blind.appendingPathComponent("status"))
        let blindOutput = try checkOutput(directory: blind, probeResult: "failure")
        XCTAssertEqual(blindOutput["conclusion"] as? String, "failure")
        XCTAssertEqual(blindOutput["title"] as? String, "probe/blind-runner: probe: this host cannot reach port 25")
        let text = blindOutput["text"] as? String ?? ""
        XCTAssertTrue(text.hasPrefix("probe/blind-runner: probe: this host cannot reach port 25\n(12 of 12 addresses)"), text)
        XCTAssertTrue(text.contains("tls-policy-validator probe: this host cannot reach port 25"), text)
        XCTAssertEqual((blindOutput["annotations"] as? [Any])?.count, 0)

        let missing = try checkOutput(directory: scratch.appendingPathComponent("no-artifact"), probeResult: "failure")
        XCTAssertEqual(missing["conclusion"] as? String, "failure")
        XCTAssertEqual(missing["title"] as? String, "The probe did not run")
        XCTAssertTrue((missing["summary"] as? String ?? "").contains("RUN"), "the check run points at the run")
    }
}
