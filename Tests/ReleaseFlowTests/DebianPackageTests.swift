import Foundation
import TLSPolicyLab
import XCTest

/// scripts/package-deb builds the agent's Debian package with dpkg-deb from the debug
/// build the tests run from; the package unpacks into a scratch root (`dpkg -x`, which
/// touches no package database) and the agent runs from there.
final class DebianPackageTests: XCTestCase {
    private var script: String { RepositoryRoot.url.appendingPathComponent("scripts/package-deb").path }

    func testPackageBuildsWithControlFieldsAndTheAgentRunsFromAScratchRoot() throws {
        let build = try BuildProducts.current()
        let scratch = try LabFileSystem.makeTemporaryDirectory(prefix: "package-deb")
        defer { try? FileManager.default.removeItem(at: scratch) }

        let built = try LabCommandRunner.run([script, "--bin-dir", build.binDirectory.path, "--output", scratch.path], timeout: 120)
        XCTAssertTrue(built.succeeded, built.stderrText)
        let deb = built.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(FileManager.default.fileExists(atPath: deb), "the script prints the package's path: \(deb)")

        let agentVersion = try LabCommandRunner.run([build.binDirectory.appendingPathComponent("tls-policy-agent").path, "--version"],
                                                 timeout: 30).checked().stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        let architecture = try LabCommandRunner.run(["dpkg", "--print-architecture"], timeout: 30).checked()
            .stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(URL(fileURLWithPath: deb).lastPathComponent, "tls-policy-agent_\(agentVersion)_\(architecture).deb")

        func field(_ name: String) throws -> String {
            try LabCommandRunner.run(["dpkg-deb", "--field", deb, name], timeout: 30).checked()
                .stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        XCTAssertEqual(try field("Package"), "tls-policy-agent")
        XCTAssertEqual(try field("Version"), agentVersion)
        XCTAssertEqual(try field("Architecture"), architecture)
        let depends = Set(try field("Depends").components(separatedBy: ", "))
        // What the agent runs, and the packages owning the C libraries it links.
        for package in ["postfix", "openssh-client", "gpgv", "libgit2-1.5", "libssl3", "libcurl4"] {
            XCTAssertTrue(depends.contains(package), "Depends lacks \(package): \(depends.sorted())")
        }

        let contents = try LabCommandRunner.run(["dpkg-deb", "--contents", deb], timeout: 30).checked().stdoutText
        XCTAssertTrue(contents.contains("root/root"), "files belong to root in the package")
        XCTAssertFalse(contents.contains(" \(NSUserName())/") && NSUserName() != "root")

        let root = scratch.appendingPathComponent("root")
        try LabCommandRunner.run(["dpkg", "-x", deb, root.path], timeout: 60).checked()
        let agent = root.appendingPathComponent("usr/bin/tls-policy-agent").path
        let help = try LabCommandRunner.run([agent, "--help"], timeout: 30)
        XCTAssertEqual(help.exitStatus, 0, help.stderrText)
        for subcommand in ["sync", "status", "diff", "verify", "doctor"] {
            XCTAssertTrue(help.stdoutText.contains(subcommand), "installed agent's --help lacks \(subcommand)")
        }
        let service = try String(contentsOf: root.appendingPathComponent("lib/systemd/system/tls-policy-agent.service"), encoding: .utf8)
        XCTAssertTrue(service.contains("ExecStart=/usr/bin/tls-policy-agent sync"), service)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("lib/systemd/system/tls-policy-agent.timer").path))
        XCTAssertTrue(FileManager.default.fileExists(
            atPath: root.appendingPathComponent("usr/share/doc/tls-policy-agent/agent.cf.example").path))
    }

    func testPackagingWithoutAnAgentBinaryFailsNamingThePath() throws {
        let empty = try LabFileSystem.makeTemporaryDirectory(prefix: "package-deb-empty")
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try LabCommandRunner.run([script, "--bin-dir", empty.path, "--output", empty.path], timeout: 60)
        XCTAssertFalse(result.succeeded)
        XCTAssertTrue(result.stderrText.contains("\(empty.path)/tls-policy-agent: not an executable"), result.stderrText)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: empty.path), [])
    }
}
