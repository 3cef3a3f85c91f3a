import ExternalCommand
import Foundation
import TLSPolicyLab
import XCTest

/// `discover` reads a compressed log as it reads the plain one, and says which input it
/// cannot read (no root needed: the committed log a lab Postfix wrote, no probing).
final class DiscoverInputTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixture = packageRoot.appendingPathComponent("Tests/PostfixLogTests/Fixtures/lab-maillog.txt")

    private func discover(_ arguments: [String], table: URL) throws -> (status: Int32?, stdout: String, stderr: String) {
        let binary = try ProductBinary.named("tls-policy-validator")
        let result = try binary.run(["discover", "--no-probe", "--postfix-version", "3.7", "--table", table.path] + arguments,
                                    in: Self.packageRoot)
        return (result.exitStatus, result.stdoutText, result.stderrText)
    }

    func testGzipLogGivesTheSameReportAsThePlainOne() async throws {
        let scratch = try ScratchDirectory()
        let table = try scratch.write("table", MailLogScenario.policyTableText)
        let compressed = scratch.url.appendingPathComponent("maillog.1.gz")
        let gzip = try await CommandRunner().run("gzip", ["-c", Self.fixture.path])
        XCTAssertTrue(gzip.succeeded, gzip.stderrText)
        try Data(gzip.stdout).write(to: compressed)

        let plain = try discover(["--maillog", Self.fixture.path, "--format", "json"], table: table)
        let gz = try discover(["--maillog", compressed.path, "--format", "json"], table: table)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertEqual(gz.status, 0, gz.stderr)
        let strip = { (text: String) in text.split(separator: "\n").filter { !$0.contains(".txt") && !$0.contains(".gz") } }
        XCTAssertEqual(strip(plain.stdout), strip(gz.stdout))
        XCTAssertTrue(plain.stdout.contains("\"deliveredEnforced\" : "), plain.stdout)
        let sentLines = try String(contentsOf: Self.fixture, encoding: .utf8).split(separator: "\n")
            .filter { $0.contains(" status=sent ") }.count
        XCTAssertTrue(gz.stdout.contains("\"delivered\" : \(sentLines),"), gz.stdout)
    }

    func testTextAndMarkdownSayTheCoverageAndNameNoOne() throws {
        let scratch = try ScratchDirectory()
        let table = try scratch.write("table", MailLogScenario.policyTableText)
        for format in ["text", "markdown"] {
            let run = try discover(["--maillog", Self.fixture.path, "--format", format], table: table)
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertTrue(run.stdout.contains("went under an enforced entry"), run.stdout)
            XCTAssertTrue(run.stdout.contains("verified.test"), run.stdout)
            for localPart in ["alice", "bob", "carol", "dave"] {
                XCTAssertFalse(run.stdout.contains(localPart), "\(format): no local part")
            }
        }
        let bad = try discover(["--maillog", Self.fixture.path, "--format", "yaml"], table: table)
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--format must be text, json or markdown"), bad.stderr)
    }

    func testUnreadableInputsExitTwoNamingThem() throws {
        let scratch = try ScratchDirectory()
        let table = try scratch.write("table", MailLogScenario.policyTableText)
        let missing = try discover(["--maillog", scratch.url.appendingPathComponent("nope").path], table: table)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("nope: cannot read the mail log"), missing.stderr)

        // gzip's magic bytes, then garbage: gzip's own complaint, with the file named.
        let broken = scratch.url.appendingPathComponent("broken.gz")
        try Data([0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02, 0x03]).write(to: broken)
        let corrupt = try discover(["--maillog", broken.path], table: table)
        XCTAssertEqual(corrupt.status, 2)
        XCTAssertTrue(corrupt.stderr.contains("broken.gz: cannot decompress"), corrupt.stderr)

        let noTable = try discover(["--maillog", Self.fixture.path], table: scratch.url.appendingPathComponent("none"))
        XCTAssertEqual(noTable.status, 2)
        XCTAssertTrue(noTable.stderr.contains("none: cannot read the table"), noTable.stderr)
    }
}
