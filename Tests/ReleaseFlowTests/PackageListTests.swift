import Foundation
import TLSPolicyLab
import XCTest

/// Lean installs: `scripts/setup` installs what the main job needs (the build, postmap,
/// what the agent runs), `scripts/test` what only the tests need, both through the one
/// helper `scripts/lib/apt.sh`; the jobs that probe, report or release install no test
/// package. The lists are asked of the scripts themselves (`--print-packages`).
final class PackageListTests: XCTestCase {
    /// Packages only tests use, and what for (each must be in the test list, none in setup's).
    static let testOnly = [
        "chromium",                 // the report page's rendering test
        "unbound", "ldnsutils",     // the lab's DNSSEC resolver and zone signer
        "dnsmasq-base",             // the lab's plain DNS
        "openssh-server",           // the lab's SSH Git remote
        "lighttpd",                 // the lab's smart-HTTPS Git remote
        "postfix-mta-sts-resolver", // the MTA-STS differential test
        "lintian", "debootstrap",   // the packaging and host tests
        "gnupg",                    // OpenPGP-signed fixture tags
    ]
    /// What the main job cannot do without.
    static let mainJob = ["libgit2-dev", "libssl-dev", "libcurl4-openssl-dev", "pkg-config", "git", "postfix", "ca-certificates"]

    private func packages(of script: String) throws -> [String] {
        let result = try LabCommandRunner.run([RepositoryRoot.url.appendingPathComponent(script).path, "--print-packages"], timeout: 30)
        XCTAssertTrue(result.succeeded, "\(script) --print-packages: \(result.stderrText)")
        return result.stdoutText.split(separator: "\n").map(String.init)
    }

    func testSetupInstallsNoTestOnlyPackageAndTestInstallsThem() throws {
        let setup = try packages(of: "scripts/setup")
        let test = try packages(of: "scripts/test")
        for package in Self.testOnly {
            XCTAssertFalse(setup.contains(package), "scripts/setup installs the test-only package \(package)")
            XCTAssertTrue(test.contains(package), "scripts/test does not install \(package)")
        }
        for package in Self.mainJob {
            XCTAssertTrue(setup.contains(package), "scripts/setup lacks \(package), which the main job needs")
        }
        XCTAssertEqual(Set(setup).intersection(test), [], "a package is in both lists")
        XCTAssertEqual(Set(test).count, test.count, "scripts/test lists a package twice")
    }

    func testBothScriptsInstallThroughTheOneHelperAndTheHostRootIsTheTests() throws {
        func text(_ path: String) throws -> String {
            try String(contentsOf: RepositoryRoot.url.appendingPathComponent(path), encoding: .utf8)
        }
        let setup = try text("scripts/setup")
        let test = try text("scripts/test")
        let helper = try text("scripts/lib/apt.sh")
        XCTAssertTrue(helper.contains("apt-get install"))
        for (name, script) in [("scripts/setup", setup), ("scripts/test", test)] {
            XCTAssertTrue(script.contains(". scripts/lib/apt.sh"), "\(name) does not source the helper")
            XCTAssertTrue(script.contains("apt_install_missing"), "\(name) does not call the helper")
            XCTAssertFalse(script.contains("apt-get"), "\(name) runs apt-get itself, past the one helper")
        }
        // The Debian root of the host test is made by the test script, not by the quick start's first step.
        XCTAssertFalse(setup.contains("scripts/host-root"))
        XCTAssertTrue(test.contains("./scripts/host-root"))
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: RepositoryRoot.url.appendingPathComponent("scripts/lib/apt.sh").path))
    }

    func testQuickStartAndCIStayTheTwoCommands() throws {
        let run = try String(contentsOf: RepositoryRoot.url.appendingPathComponent(".ci/run"), encoding: .utf8)
        let commands = run.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") && !$0.hasPrefix("set ") && !$0.hasPrefix("cd ") }
        XCTAssertEqual(commands, ["./scripts/setup", "./scripts/test"])

        let readme = try String(contentsOf: RepositoryRoot.url.appendingPathComponent("README.md"), encoding: .utf8)
        let quickStart = try XCTUnwrap(readme.components(separatedBy: "## Quick start").dropFirst().first)
        let block = try XCTUnwrap(quickStart.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        let lines = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        XCTAssertEqual(lines.map { String($0.split(separator: " ").first ?? "") }, ["./scripts/setup", "./scripts/test"])
    }

    /// The probe runner's jobs, the daily report and the release install what the main job
    /// needs and nothing for the tests: only the pull-request check runs scripts/test.
    func testOnlyThePullRequestCheckInstallsTestPackages() throws {
        var testRunners: [String] = []
        for workflow in try Workflow.all() {
            for job in try workflow.jobs() {
                let calls = job.runScripts.flatMap { ProjectCommandScanner.invocations(in: $0.script) }
                if calls.contains(where: { $0.program == "scripts/test" }) { testRunners.append("\(workflow.name) \(job.id)") }
                let lists: [String] = job.runScripts.flatMap { run -> [String] in
                    WorkflowTrustRules.allMatches(#"scripts/lib/apt\.sh((?:\s+[a-z0-9.+-]+)+)"#, in: run.script)
                }
                let extra: [String] = lists.flatMap { list -> [String] in
                    list.split(whereSeparator: \.isWhitespace).map(String.init)
                }
                if job.runsOnProbeRunner {
                    XCTAssertEqual(extra, [], "\(workflow.name) \(job.id): the probe runner installs \(extra)")
                }
                // Packaging tools for the release's package; no lab, no browser, no DNS server.
                for package in extra where Self.testOnly.contains(package) && package != "lintian" && package != "gnupg" {
                    XCTFail("\(workflow.name) \(job.id) installs the test-only package \(package)")
                }
            }
        }
        XCTAssertEqual(testRunners, [".github/workflows/pull-request.yml check"])
    }
}
