import ExternalCommand
import Foundation
import TLSPolicyLab
import XCTest

/// `tls-policy-validator discover` on the log a real Postfix wrote in the lab
/// (``MailLogScenario``), run as the built binary inside the scenario's namespace, probing
/// the scenario's receivers through its DNS server and test CA.
final class DiscoverCommandTests: XCTestCase {
    func testLabLogGivesCoverageSuggestionsAndLintCleanFiles() throws {
        if let reason = LabEnvironment.unavailableReason { throw XCTSkip("lab unavailable: \(reason)") }
        let scenario = try MailLogScenario()
        defer { scenario.stop() }
        let result = try scenario.run()
        let directory = scenario.namespace.directory
        let log = directory.appendingPathComponent("maillog")
        try LabFileSystem.write(result.log, to: log)
        let output = directory.appendingPathComponent("suggested")
        let validator = try ProductBinary.named("tls-policy-validator").url.path

        let run = try scenario.namespace.run([
            validator, "discover", "--maillog", log.path, "--table", scenario.policyTable.path, "--format", "json",
            "--output", output.path, "--postfix-version", "3.7", "--resolver", "127.0.0.1",
            "--ca-file", scenario.session.ca.certificateFile.path, "--step-timeout", "5", "--no-mta-sts",
        ], timeout: 120)
        XCTAssertEqual(run.exitStatus, 0, run.stderrText)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdout)) as? [String: Any])

        // Coverage, counted here by hand from the log's status=sent lines.
        let enforcedDomains = Set(MailLogScenario.destinations.filter { $0.policy != nil }.map(\.domain))
        var sent = 0
        var sentEnforced = 0
        for line in result.log.split(separator: "\n") where line.contains(" status=sent ") {
            sent += 1
            guard let to = line.range(of: "to=<"), let end = line[to.upperBound...].firstIndex(of: ">"),
                  let at = line[to.upperBound..<end].lastIndex(of: "@") else {
                XCTFail("no recipient in \(line)")
                continue
            }
            if enforcedDomains.contains(String(line[line.index(after: at)..<end])) { sentEnforced += 1 }
        }
        XCTAssertGreaterThan(sentEnforced, 0)
        XCTAssertEqual(report["delivered"] as? Int, sent)
        XCTAssertEqual(report["deliveredEnforced"] as? Int, sentEnforced)
        XCTAssertEqual(report["deliveredOpportunistic"] as? Int, sent - sentEnforced)
        XCTAssertEqual(try XCTUnwrap(report["coverage"] as? Double), Double(sentEnforced) / Double(sent), accuracy: 1e-9)

        // secure exactly for the destinations whose MX certificate verifies; encrypt for the
        // other TLS ones; nothing for plaintext or for destinations that have an entry.
        let suggestions = try XCTUnwrap(report["suggestions"] as? [[String: Any]])
        func domains(level: String) -> Set<String> {
            Set(suggestions.compactMap { suggestion in
                guard let line = suggestion["line"] as? String, line.split(separator: " ").dropFirst().first == Substring(level)
                else { return nil }
                return suggestion["domain"] as? String
            })
        }
        let opportunistic = MailLogScenario.destinations.filter { $0.policy == nil }
        XCTAssertEqual(domains(level: "secure"), Set(opportunistic.filter { $0.receiver == .verified }.map(\.domain)), "\(suggestions)")
        XCTAssertEqual(domains(level: "encrypt"),
                       Set(opportunistic.filter { $0.receiver == .nameMismatch || $0.receiver == .selfSigned }.map(\.domain)))
        XCTAssertEqual(suggestions.count, domains(level: "secure").count + domains(level: "encrypt").count)

        // The files lint clean under the dataset rules, say where they come from, and name no one.
        let files = try XCTUnwrap(report["files"] as? [String])
        XCTAssertFalse(files.isEmpty)
        let lint = try scenario.namespace.run([validator, "lint", "--rules", "dataset", "--postfix-version", "3.7"] + files, timeout: 60)
        XCTAssertEqual(lint.exitStatus, 0, lint.stdoutText + lint.stderrText)
        var written = ""
        for file in files { written += try String(contentsOfFile: file, encoding: .utf8) }
        XCTAssertTrue(written.contains("# Evidence: observed from this host's mail log on "), written)
        XCTAssertTrue(written.contains("verified.test secure match="), written)
        for localPart in ["alice", "bob", "carol", "dave"] {
            XCTAssertFalse(run.stdoutText.contains(localPart), "no local part in the report")
            XCTAssertFalse(written.contains(localPart), "no local part in the files")
        }

        // A second run never overwrites what the first wrote.
        let again = try scenario.namespace.run([
            validator, "discover", "--maillog", log.path, "--table", scenario.policyTable.path, "--output", output.path,
            "--postfix-version", "3.7", "--resolver", "127.0.0.1", "--ca-file", scenario.session.ca.certificateFile.path,
            "--step-timeout", "5", "--no-mta-sts",
        ], timeout: 120)
        XCTAssertEqual(again.exitStatus, 2)
        XCTAssertTrue(again.stderrText.contains("never overwrites"), again.stderrText)
    }
}
