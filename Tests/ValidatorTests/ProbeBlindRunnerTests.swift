import ExternalCommand
import Foundation
import TLSPolicyLab
import XCTest

/// A runner that cannot reach port 25 (every GitHub-hosted runner) must fail loudly: the
/// probe says so in every format and exits 1, and `report` refuses to merge such a run.
/// The lab's "dark" MX hosts have addresses on the namespace's loopback where nothing
/// listens, so every connect to them is refused at once.
final class ProbeBlindRunnerTests: XCTestCase {
    private static let darkDomains = (1...4).map { "d\($0).test" }
    /// Domains whose MX host drops SYNs (a full accept queue): connects time out.
    private static let droppingDomains = (1...3).map { "t\($0).test" }

    /// A lab whose DNS also names `darkDomains`' MX hosts, each on an address with no
    /// listener (127.0.0.21-24), and `droppingDomains`' (127.0.0.31-33).
    private func makeLab() throws -> ValidatorProbeLab {
        if let reason = LabEnvironment.unavailableReason { throw XCTSkip("lab unavailable: \(reason)") }
        func records(_ domains: [String], from first: Int) -> [DNSRecord] {
            domains.enumerated().flatMap { index, domain -> [DNSRecord] in
                [.a(name: "mx.\(domain)", address: "127.0.0.\(first + index)"), .mx(domain: domain, host: "mx.\(domain)")]
            }
        }
        return try ValidatorProbeLab(extraRecords: records(Self.darkDomains, from: 21) + records(Self.droppingDomains, from: 31))
    }

    private func document(_ result: CommandResult) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any])
    }

    func testEveryConnectRefusedIsABlindRunnerInEveryFormatAndTheReportRefusesIt() throws {
        let lab = try makeLab()
        defer { lab.stop() }
        let table = try lab.write("dark.policy", Self.darkDomains.map { "\($0) encrypt" }.joined(separator: "\n") + "\n")
        let message = "this runner cannot reach port 25: 4 of 4 addresses refused or timed out at connect and none sent an SMTP greeting"

        let json = try lab.validator(lab.probeArguments + ["--format", "json", table.path])
        XCTAssertEqual(json.exitStatus, 1, json.stderrText)
        XCTAssertTrue(json.stderrText.contains("tls-policy-validator probe: \(message)"), json.stderrText)
        let blind = try XCTUnwrap(try document(json)["blindRunner"] as? [String: Any])
        XCTAssertEqual(blind["addresses"] as? Int, 4)
        XCTAssertEqual(blind["connectFailures"] as? Int, 4)
        XCTAssertEqual(blind["ports"] as? [Int], [25])
        XCTAssertTrue((blind["message"] as? String)?.hasPrefix(message) == true, "\(blind)")

        let summaryFile = lab.url("step-summary.md")
        let github = try lab.validator(lab.probeArguments + ["--format", "github", table.path],
                                       environment: ["GITHUB_STEP_SUMMARY": summaryFile.path])
        XCTAssertEqual(github.exitStatus, 1, github.stderrText)
        let annotations = github.stdoutText.split(separator: "\n").filter { $0.hasPrefix("::") }
        XCTAssertEqual(annotations, ["::error title=probe/blind-runner::probe: \(message); the results say nothing about the entries"],
                       "one error for the run, no per-entry annotation")
        let summary = String(decoding: try LabFileSystem.read(summaryFile), as: UTF8.self)
        XCTAssertTrue(summary.contains(message), summary)
        XCTAssertFalse(summary.contains("d1.test"), "no per-entry rows: \(summary)")

        for format in ["table", "markdown"] {
            let result = try lab.validator(lab.probeArguments + ["--format", format, table.path])
            XCTAssertEqual(result.exitStatus, 1, "\(format): \(result.stderrText)")
            XCTAssertTrue(result.stdoutText.contains(message), "\(format): \(result.stdoutText)")
            XCTAssertFalse(result.stdoutText.contains("d1.test"), "\(format): \(result.stdoutText)")
        }

        // The daily report never merges such a run, and names the shard it refused.
        let shard = lab.url("shard-1.json")
        try LabFileSystem.write(Data(json.stdout), to: shard)
        let report = try lab.validator(["report", "--output", lab.url("report").path, shard.path])
        XCTAssertEqual(report.exitStatus, 1, report.stderrText)
        XCTAssertTrue(report.stderrText.contains("\(shard.path): refusing a blind run"), report.stderrText)
        XCTAssertTrue(report.stderrText.contains(message), report.stderrText)
        XCTAssertFalse(FileManager.default.fileExists(atPath: lab.url("report/report.md").path))
    }

    func testConnectsThatTimeOutAreABlindRunnerToo() throws {
        let lab = try makeLab()
        defer { lab.stop() }
        // What a GitHub-hosted runner sees: SYNs to port 25 go unanswered.
        let listeners = try lab.namespace.withNetworkNamespace {
            try (31...33).map { last -> SilentTCPListener in
                let listener = try SilentTCPListener(address: "127.0.0.\(last)", port: 25, backlog: 0)
                try listener.fillBacklog()
                return listener
            }
        }
        defer { listeners.forEach { $0.close() } }
        let table = try lab.write("dropped.policy", Self.droppingDomains.map { "\($0) encrypt" }.joined(separator: "\n") + "\n")
        var arguments = lab.probeArguments
        if let index = arguments.firstIndex(of: "--step-timeout") { arguments[index + 1] = "1" }
        let started = Date()
        let result = try lab.validator(arguments + ["--format", "json", table.path])
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "bounded by the 1 s connect step")
        XCTAssertEqual(result.exitStatus, 1, result.stderrText)
        XCTAssertTrue(result.stderrText.contains("this runner cannot reach port 25: 3 of 3 addresses refused or timed out at connect"),
                      result.stderrText)
        // Timeouts, not refusals: the connect step's bound ended each session.
        let entries = try XCTUnwrap(try document(result)["entries"] as? [[String: Any]])
        let addresses = entries.flatMap { ($0["mxHosts"] as? [[String: Any]] ?? []).flatMap { $0["addresses"] as? [[String: Any]] ?? [] } }
        XCTAssertEqual(addresses.count, 3)
        for address in addresses {
            XCTAssertEqual(address["connected"] as? Bool, false)
            XCTAssertTrue((address["reason"] as? String)?.hasSuffix("timed out after 1 s at step connect") == true, "\(address)")
        }
    }

    func testAFewDeadServersAmongWorkingOnesAreNotABlindRunner() throws {
        let lab = try makeLab()
        defer { lab.stop() }
        // Three addresses tried, two refused: the one that answered shows port 25 is reachable.
        let table = try lab.write("mixed.policy", "good.test secure match=.provider.test\nd1.test encrypt\nd2.test encrypt\n")
        let result = try lab.validator(lab.probeArguments + ["--format", "json", table.path])
        XCTAssertEqual(result.exitStatus, 0, result.stderrText)
        XCTAssertFalse(result.stderrText.contains("cannot reach"), result.stderrText)
        let document = try document(result)
        XCTAssertTrue(document["blindRunner"] is NSNull, "\(document["blindRunner"] ?? "absent")")
        let entries = try XCTUnwrap(document["entries"] as? [[String: Any]])
        XCTAssertEqual(entries.map { $0["verdict"] as? String }, ["pass", "unreachable", "unreachable"])
        let shard = lab.url("shard.json")
        try LabFileSystem.write(Data(result.stdout), to: shard)
        let report = try lab.validator(["report", "--output", lab.url("report").path, shard.path])
        XCTAssertEqual(report.exitStatus, 0, report.stderrText)
    }
}
