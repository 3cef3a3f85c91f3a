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

    /// A log above the size read on every core gives the one-pass result (its .gz copy is
    /// read in one pass), also for a delivery whose TLS line lies before the cut: the file
    /// is built so that the cut falls between the two (the TLS line is longer than the
    /// delivery line, and equal filler before and after puts the middle inside it).
    func testLargeLogReadOnEveryCoreGivesTheOnePassReport() async throws {
        guard ProcessInfo.processInfo.activeProcessorCount == 2 else {
            throw XCTSkip("the cut is placed for 2 cores; this machine has \(ProcessInfo.processInfo.activeProcessorCount)")
        }
        let scratch = try ScratchDirectory()
        let table = try scratch.write("table", MailLogScenario.policyTableText)
        let lines = try String(contentsOf: Self.fixture, encoding: .utf8).split(separator: "\n").map(String.init)
        let filler = try XCTUnwrap(lines.first { $0.contains("postfix/qmgr[") && $0.contains(": removed") }) + "\n"
        let tlsLine = "Dec 06 00:02:41 sender postfix/smtp[999]: Trusted TLS connection established to mx.cut.test[127.0.0.9]:25: "
            + "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature ECDSA (prime256v1)\n"
        let delivery = "Dec 06 00:02:41 sender postfix/smtp[999]: ABC123: to=<someone@cut.test>, relay=mx.cut.test[127.0.0.9]:25, "
            + "delay=0.1, dsn=2.0.0, status=sent (250 ok)\n"
        XCTAssertLessThan(delivery.utf8.count, tlsLine.utf8.count)
        let half = String(repeating: filler, count: (5 << 20) / 2 / filler.utf8.count)
        let large = try scratch.write("maillog", half + tlsLine + delivery + half)
        let gzip = try await CommandRunner().run("gzip", ["-k", large.path])
        XCTAssertTrue(gzip.succeeded, gzip.stderrText)

        let parallel = try discover(["--maillog", large.path, "--format", "json"], table: table)
        let onePass = try discover(["--maillog", large.path + ".gz", "--format", "json"], table: table)
        XCTAssertEqual(parallel.status, 0, parallel.stderr)
        XCTAssertEqual(onePass.status, 0, onePass.stderr)
        let strip = { (text: String) in text.split(separator: "\n").filter { !$0.contains("maillog") } }
        XCTAssertEqual(strip(parallel.stdout), strip(onePass.stdout))
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(parallel.stdout.utf8)) as? [String: Any])
        let destinations = try XCTUnwrap(document["destinations"] as? [[String: Any]])
        let cut = try XCTUnwrap(destinations.first { $0["domain"] as? String == "cut.test" })
        XCTAssertEqual(cut["tls"] as? [String: Int], ["trusted": 1], "the delivery after the cut went over the TLS line before it")
    }

    /// A recipient domain counts as one whatever its case (every other status line here has
    /// its domain in upper case), and `--top N` lists the head of the full ranking: most
    /// deliveries first, ties by name.
    func testDomainsFoldCaseAndTopIsTheHeadOfTheRanking() throws {
        let scratch = try ScratchDirectory()
        let table = try scratch.write("table", MailLogScenario.policyTableText)
        var upper = false
        let lines = try String(contentsOf: Self.fixture, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let mixed = lines.map { line -> String in
            guard line.contains(" status="), let at = line.firstIndex(of: "@"), let end = line[at...].firstIndex(of: ">") else {
                return String(line)
            }
            upper.toggle()
            return upper ? line[..<at] + line[at..<end].uppercased() + line[end...] : String(line)
        }.joined(separator: "\n")
        XCTAssertTrue(mixed.contains(".TEST>"), "some domains are in upper case")
        let mixedLog = try scratch.write("mixed-maillog", mixed)

        let plain = try discover(["--maillog", Self.fixture.path, "--format", "json", "--top", "1000"], table: table)
        let folded = try discover(["--maillog", mixedLog.path, "--format", "json", "--top", "1000"], table: table)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertEqual(folded.status, 0, folded.stderr)
        let strip = { (text: String) in text.split(separator: "\n").filter { !$0.contains("maillog") && !$0.contains(".txt") } }
        XCTAssertEqual(strip(plain.stdout), strip(folded.stdout))

        let all = try destinations(plain.stdout)
        XCTAssertGreaterThan(all.count, 3)
        for (a, b) in zip(all, all.dropFirst()) {
            XCTAssertTrue(a.delivered > b.delivered || (a.delivered == b.delivered && a.domain < b.domain), "\(a) before \(b)")
        }
        let top = try discover(["--maillog", mixedLog.path, "--format", "json", "--top", "3"], table: table)
        XCTAssertEqual(top.status, 0, top.stderr)
        XCTAssertEqual(try destinations(top.stdout).map(\.domain), all.prefix(3).map(\.domain))
    }

    private func destinations(_ json: String) throws -> [(domain: String, delivered: Int)] {
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try XCTUnwrap(document["destinations"] as? [[String: Any]]).map {
            (try XCTUnwrap($0["domain"] as? String), try XCTUnwrap($0["delivered"] as? Int))
        }
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
