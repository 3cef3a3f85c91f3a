import ExternalCommand
import Foundation
import TLSPolicyLab
import XCTest

/// `make install DESTDIR=... PREFIX=/usr` on the build the tests run from: both
/// binaries, the systemd units pointing at them, agent.cf (the example, unless one is
/// there), the map's and the state's directories, and the man pages
/// that swift-argument-parser's generate-manual plugin (`make man`) generated, all in
/// FHS places. The plugin cannot run inside `swift test` (SwiftPM holds the scratch
/// directory's lock), so the test needs `make man` (or the plugin) run on this build first.
final class MakeInstallTests: XCTestCase {
    private func make(_ arguments: [String], timeout: TimeInterval = 120) throws -> CommandResult {
        try LabCommandRunner.run(["make", "-C", RepositoryRoot.url.path] + arguments, timeout: timeout)
    }

    func testMakeInstallPutsBinariesUnitsExampleAndManPagesInFHSPlaces() throws {
        let build = try BuildProducts.current()
        let pages = build.scratchDirectory.appendingPathComponent("plugins/GenerateManual/outputs/Agent/tls-policy-agent.1")
        guard FileManager.default.fileExists(atPath: pages.path) else {
            throw XCTSkip("no man pages in this build: run `swift package --scratch-path \(build.scratchDirectory.path) "
                + "plugin generate-manual --configuration \(build.configuration)` before the tests")
        }
        let destination = try LabFileSystem.makeTemporaryDirectory(prefix: "make-install")
        defer { try? FileManager.default.removeItem(at: destination) }

        let result = try make([
            "install", "SCRATCH=\(build.scratchDirectory.path)",
            "CONFIGURATION=\(build.configuration)", "DESTDIR=\(destination.path)", "PREFIX=/usr",
        ])
        XCTAssertTrue(result.succeeded, "make \(result.termination): \(result.stderrText.suffix(2_000))")

        let root = destination.path
        for product in ["tls-policy-validator", "tls-policy-agent"] {
            let installed = "\(root)/usr/bin/\(product)"
            XCTAssertTrue(FileManager.default.isExecutableFile(atPath: installed), installed)
            let version = try LabCommandRunner.run([installed, "--version"], timeout: 30)
            XCTAssertTrue(version.succeeded, version.stderrText)
            XCTAssertFalse(version.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        }

        let service = try String(contentsOfFile: "\(root)/usr/lib/systemd/system/tls-policy-agent.service", encoding: .utf8)
        XCTAssertTrue(service.contains("ExecStart=/usr/bin/tls-policy-agent sync"), service)
        XCTAssertFalse(service.contains("/usr/local/bin"), "the unit must name the installed binary")
        let timer = try String(contentsOfFile: "\(root)/usr/lib/systemd/system/tls-policy-agent.timer", encoding: .utf8)
        XCTAssertTrue(timer.contains("[Timer]"))

        // agent.cf is the commented example, which configures nothing until edited.
        let example = try Data(contentsOf: RepositoryRoot.url.appendingPathComponent("docs/agent.cf.example"))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: "\(root)/etc/tls-policy-agent/agent.cf")), example)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: "\(root)/usr/share/doc/tls-policy-agent/agent.cf.example")), example)
        // The directories the unit lets the agent write, as the Debian package makes them.
        let modes = try LabCommandRunner.run(["stat", "-c", "%a %n", "\(root)/etc/postfix/tls-policy", "\(root)/var/lib/tls-policy-agent"],
                                          timeout: 30).checked().stdoutText
        XCTAssertEqual(modes, "755 \(root)/etc/postfix/tls-policy\n700 \(root)/var/lib/tls-policy-agent\n")

        // A second install keeps the operator's agent.cf.
        let edited = "repository_url = https://git.example/p.git\n"
        try LabFileSystem.write(edited, to: URL(fileURLWithPath: "\(root)/etc/tls-policy-agent/agent.cf"))
        let again = try make([
            "install", "SCRATCH=\(build.scratchDirectory.path)",
            "CONFIGURATION=\(build.configuration)", "DESTDIR=\(destination.path)", "PREFIX=/usr",
        ])
        XCTAssertTrue(again.succeeded, again.stderrText)
        XCTAssertEqual(String(decoding: try LabFileSystem.read(URL(fileURLWithPath: "\(root)/etc/tls-policy-agent/agent.cf")), as: UTF8.self),
                       edited, "make install never overwrites agent.cf")

        // The pages render with man(1), and list the commands the binaries have.
        let agentPage = try LabCommandRunner.run(["man", "-l", "\(root)/usr/share/man/man1/tls-policy-agent.1"], timeout: 30).checked()
        for word in ["sync", "status", "diff", "verify", "doctor", "--config"] {
            XCTAssertTrue(agentPage.stdoutText.contains(word), "tls-policy-agent.1 lacks \(word)")
        }
        let validatorPage = try LabCommandRunner.run(["man", "-l", "\(root)/usr/share/man/man1/tls-policy-validator.1"], timeout: 30).checked()
        for word in ["lint", "render", "import", "probe"] {
            XCTAssertTrue(validatorPage.stdoutText.contains(word), "tls-policy-validator.1 lacks \(word)")
        }
    }

    func testMakeInstallWithoutABuildFailsAndInstallsNothing() throws {
        let emptyScratch = try LabFileSystem.makeTemporaryDirectory(prefix: "make-empty-scratch")
        let destination = try LabFileSystem.makeTemporaryDirectory(prefix: "make-install-none")
        defer {
            try? FileManager.default.removeItem(at: emptyScratch)
            try? FileManager.default.removeItem(at: destination)
        }
        let result = try make(["install", "SCRATCH=\(emptyScratch.path)", "DESTDIR=\(destination.path)", "PREFIX=/usr"], timeout: 60)
        XCTAssertFalse(result.succeeded)
        XCTAssertTrue(result.stderrText.contains("is not built: run make first"), result.stderrText)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: destination.path), [])
    }
}
