import ExternalCommand
import Foundation
import TLSPolicyLab
import XCTest

/// Anyone can re-render a release from its signed tag and get the files the release
/// attached, byte for byte (CONTRIBUTING.md, "Re-render a release").
///
/// A lab repository holds this repository's whole dataset (`policy/`) under an SSH-signed
/// release tag. Two fresh clones of the tag, in different directories, are verified with
/// `git verify-tag` and rendered by the release workflow's own render step (its script,
/// read from release.yml), each under a different time zone, locale and umask; the files
/// and their SHA-256 sums must agree. The second test renders with a second, separate
/// build of the same sources: the static release build scripts/setup makes (another
/// configuration, optimizer and link), against the debug build under test. A full second
/// clean build (another scratch directory, `swift build -c release --scratch-path …`)
/// would show the same for two builds of one configuration, at ~10 minutes of CI time; the
/// two configurations already differ more than two clean builds of one do.
final class ReleaseRenderReproducibilityTests: XCTestCase {
    private static let tag = "v2026.12.1"
    private var scratch: URL!
    private var origin: GitFixtureRepository!
    private var allowedSigners: URL!

    override func setUpWithError() throws {
        scratch = try LabFileSystem.makeTemporaryDirectory(prefix: "release-render")
        // The maintainer's repository: the dataset as it is in this checkout, signed as a release.
        origin = try GitFixtureRepository(directory: scratch.appendingPathComponent("origin"))
        let policy = RepositoryRoot.url.appendingPathComponent("policy")
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: policy.path) {
            files["policy/\(name)"] = try String(contentsOf: policy.appendingPathComponent(name), encoding: .utf8)
        }
        XCTAssertGreaterThan(files.count, 10, "the dataset's files were read")
        try origin.commit(files: files, message: "dataset")
        let key = try SSHSigningKey.generate(at: scratch.appendingPathComponent("release_ed25519"))
        try origin.tag(Self.tag, message: "Release \(Self.tag)\n\nExpires: 2027-01-31T00:00:00Z\n", signing: .ssh(key))
        allowedSigners = try AllowedSignersFile.write([key.allowedSignersLine(principal: "maintainer@example.test")],
                                                      to: scratch.appendingPathComponent("allowed_signers"))
    }

    override func tearDownWithError() throws {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    /// The release workflow's render step (build job), as written there.
    private func releaseRenderScript() throws -> String {
        let build = try XCTUnwrap(try Workflow.named("release.yml").jobs().first { $0.id == "build" })
        let step = try XCTUnwrap(build.runScripts.first { $0.script.contains("tls-policy-validator render") })
        XCTAssertEqual(ProjectCommandScanner.invocations(in: step.script).filter { $0.subcommand == "render" }.count, 2,
                       "both variants: \(step.script)")
        return step.script
    }

    /// A fresh clone of the tag in `name`, its signature verified as CONTRIBUTING.md says.
    private func cloneTag(_ name: String) throws -> URL {
        let clone = scratch.appendingPathComponent(name)
        try LabCommandRunner.run(["env", "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
                                  "git", "clone", "--quiet", "--branch", Self.tag, origin.directory.path, clone.path],
                                 timeout: 60).checked()
        let verified = try LabCommandRunner.run(["env", "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
                                                 "git", "-C", clone.path, "-c", "gpg.ssh.allowedSignersFile=\(allowedSigners.path)",
                                                 "verify-tag", Self.tag], timeout: 30)
        XCTAssertTrue(verified.succeeded, "git verify-tag: \(verified.stderrText)")
        return clone
    }

    /// Runs the release's render step in `clone` with `validator` first on PATH, under
    /// the given time zone, locale and umask; returns dist/'s two tables.
    private func render(in clone: URL, validator: URL, timeZone: String, locale: String, umask: String) throws -> [String: Data] {
        let script = try releaseRenderScript()
        let path = validator.deletingLastPathComponent().path + ":" + ExecutableSearch.systemDirectories.joined(separator: ":")
        let result = try LabCommandRunner.run(["env", "PATH=\(path)", "TZ=\(timeZone)", "LC_ALL=\(locale)", "LANG=\(locale)",
                                               "bash", "-c", "umask \(umask) && set -euo pipefail && \(script)"],
                                              timeout: 120, directory: clone)
        XCTAssertTrue(result.succeeded, "render in \(clone.lastPathComponent): \(result.stderrText)")
        var tables: [String: Data] = [:]
        for name in ["tls_policy", "tls_policy-dane"] {
            tables[name] = try LabFileSystem.read(clone.appendingPathComponent("dist/\(name)"))
        }
        return tables
    }

    /// `sha256sum tls_policy tls_policy-dane`, as the release writes SHA256SUMS.
    private func sums(in directory: URL) throws -> String {
        try LabCommandRunner.run(["sha256sum", "tls_policy", "tls_policy-dane"], timeout: 30,
                                 directory: directory.appendingPathComponent("dist")).checked().stdoutText
    }

    func testRenderOfASignedTagIsByteIdenticalFromTwoFreshClones() throws {
        let validator = try ProductBinary.named("tls-policy-validator").url
        let first = try cloneTag("first-clone")
        let firstTables = try render(in: first, validator: validator, timeZone: "Pacific/Kiritimati", locale: "C.UTF-8", umask: "0022")
        let second = try cloneTag("second/deeper/clone")
        let secondTables = try render(in: second, validator: validator, timeZone: "America/St_Johns", locale: "POSIX", umask: "0077")

        for name in ["tls_policy", "tls_policy-dane"] {
            let table = try XCTUnwrap(firstTables[name])
            let lines = String(decoding: table, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("#") }
            XCTAssertGreaterThan(lines.count, 100, "\(name) holds the dataset's entries")
            XCTAssertEqual(table, secondTables[name], "\(name) differs between two clones of \(Self.tag)")
        }
        XCTAssertNotEqual(firstTables["tls_policy"], firstTables["tls_policy-dane"], "the dataset has dane-only entries")
        // The sums a release attaches, checked in the other clone with sha256sum -c.
        let sums = try sums(in: first)
        try LabFileSystem.write(sums, to: second.appendingPathComponent("dist/SHA256SUMS"))
        let check = try LabCommandRunner.run(["sha256sum", "-c", "SHA256SUMS"], timeout: 30, directory: second.appendingPathComponent("dist"))
        XCTAssertTrue(check.succeeded, check.stdoutText + check.stderrText)
        XCTAssertEqual(check.stdoutText, "tls_policy: OK\ntls_policy-dane: OK\n")
    }

    func testTheReleaseBuildRendersTheSameBytesAsTheTestedBuild() throws {
        let tested = try ProductBinary.named("tls-policy-validator").url
        let release = try BuildProducts.current().scratchDirectory.appendingPathComponent("release/tls-policy-validator")
        guard FileManager.default.isExecutableFile(atPath: release.path) else {
            let message = "no release build at \(release.path) (scripts/setup makes it)"
            if ProcessInfo.processInfo.environment["CI"] == "true" { throw LabError.invalidArgument(message) }
            throw XCTSkip(message)
        }
        XCTAssertNotEqual(release.resolvingSymlinksInPath(), tested.resolvingSymlinksInPath(), "two separate builds")
        let first = try cloneTag("tested-build")
        let second = try cloneTag("release-build")
        let fromTested = try render(in: first, validator: tested, timeZone: "UTC", locale: "C.UTF-8", umask: "0022")
        let fromRelease = try render(in: second, validator: release, timeZone: "Asia/Kathmandu", locale: "POSIX", umask: "0027")
        XCTAssertEqual(fromTested, fromRelease, "the two builds render \(Self.tag) differently")
        XCTAssertEqual(try sums(in: first), try sums(in: second))
    }

    /// CONTRIBUTING.md's re-render procedure runs the very render commands the release runs.
    func testTheDocumentedReRenderUsesTheReleaseCommands() throws {
        let contributing = try String(contentsOf: RepositoryRoot.url.appendingPathComponent("CONTRIBUTING.md"), encoding: .utf8)
        let renders = try releaseRenderScript().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("tls-policy-validator render") }
        XCTAssertEqual(renders.count, 2)
        for command in renders {
            XCTAssertTrue(contributing.contains(command), "CONTRIBUTING.md does not show `\(command)`")
        }
        XCTAssertTrue(contributing.contains("sha256sum -c --ignore-missing SHA256SUMS"))
        XCTAssertTrue(contributing.contains("git verify-tag"))
    }
}
