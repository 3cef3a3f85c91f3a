import Foundation
import TLSPolicyLab
import XCTest

/// scripts/package-deb builds the agent's Debian package with Debian's tools from the
/// static release build scripts/setup makes: stripped, no runpath and no Swift runtime
/// from the toolchain, Depends from dpkg-shlibdeps plus the programs the agent runs,
/// agent.cf as a conffile, copyright, changelog, man page and completions, and lintian
/// finds no error. (Installing, upgrading and removing it: Tests/HostTests.)
final class DebianPackageTests: XCTestCase {
    private var script: String { RepositoryRoot.url.appendingPathComponent("scripts/package-deb").path }

    /// Lintian warnings the package may carry, each with the reason it is accepted. None
    /// today. (While the changelog had a single entry, lintian warned
    /// initial-upload-closes-no-bugs: a first upload to Debian's archive closes its ITP bug;
    /// this package is built for the project's own hosts and never uploaded there.)
    static let acceptedLintianWarnings: Set<String> = []

    /// The static release build (scripts/setup); missing, the test is skipped, or fails in CI.
    private func releaseBuild() throws -> (bin: URL, man: URL) {
        let build = try BuildProducts.current()
        let bin = build.scratchDirectory.appendingPathComponent("release")
        let man = build.scratchDirectory.appendingPathComponent("plugins/GenerateManual/outputs/Agent")
        var missing: [String] = []
        if !FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("tls-policy-agent").path) {
            missing.append("\(bin.path)/tls-policy-agent (scripts/setup builds it)")
        }
        if !FileManager.default.fileExists(atPath: man.appendingPathComponent("tls-policy-agent.1").path) {
            missing.append("\(man.path)/tls-policy-agent.1 (scripts/test runs the generate-manual plugin)")
        }
        if (try? LabCommandRunner.locate("lintian")) == nil { missing.append("lintian (scripts/test installs it)") }
        if !missing.isEmpty {
            let message = "packaging needs " + missing.joined(separator: ", ")
            if ProcessInfo.processInfo.environment["CI"] == "true" { throw LabError.invalidArgument(message) }
            throw XCTSkip(message)
        }
        return (bin, man)
    }

    func testPackageIsMadeAsDebianPackagesAreAndLintianFindsNoError() throws {
        let (bin, man) = try releaseBuild()
        let scratch = try LabFileSystem.makeTemporaryDirectory(prefix: "package-deb")
        defer { try? FileManager.default.removeItem(at: scratch) }
        // gzip, not xz: what is checked is the contents; xz costs ~25 s on the 60 MB binary.
        let built = try LabCommandRunner.run(["env", "DPKG_DEB_COMPRESSOR_TYPE=gzip", "DPKG_DEB_COMPRESSOR_LEVEL=1", script,
                                           "--bin-dir", bin.path, "--man-dir", man.path, "--output", scratch.path], timeout: 300)
        XCTAssertTrue(built.succeeded, built.stderrText)
        let deb = built.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)

        let changelogVersion = try LabCommandRunner.run(["dpkg-parsechangelog", "-l",
                                                      RepositoryRoot.url.appendingPathComponent("contrib/debian/changelog").path,
                                                      "-S", "Version"], timeout: 30).checked().stdoutText
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let architecture = try LabCommandRunner.run(["dpkg", "--print-architecture"], timeout: 30).checked()
            .stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(URL(fileURLWithPath: deb).lastPathComponent, "tls-policy-agent_\(changelogVersion)_\(architecture).deb")

        func field(_ name: String) throws -> String {
            try LabCommandRunner.run(["dpkg-deb", "--field", deb, name], timeout: 30).checked()
                .stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        XCTAssertEqual(try field("Package"), "tls-policy-agent")
        XCTAssertEqual(try field("Version"), changelogVersion)
        XCTAssertEqual(try field("Section"), "mail")
        let depends = try field("Depends").components(separatedBy: ", ")
        let names = Set(depends.map { String($0.split(separator: " ").first ?? "") })
        // The programs it runs, and the libraries it links directly, with dpkg-shlibdeps' versions.
        for package in ["postfix", "gpgv", "openssh-client", "libc6", "libgit2-1.5", "libssl3"] {
            XCTAssertTrue(names.contains(package), "Depends lacks \(package): \(depends)")
        }
        // libcurl is the validator's (MTA-STS); the agent links only what it uses.
        XCTAssertFalse(names.contains("libcurl4"), "the agent does not link libcurl: \(depends)")
        XCTAssertTrue(depends.contains { $0.hasPrefix("libgit2-1.5 (>= ") }, "versions come from the shlibs files: \(depends)")
        // Not what those libraries pull in themselves (the old flat ldd list had 38 entries).
        for transitive in ["libmbedtls14", "libgnutls30", "libssh2-1", "libnghttp2-14", "zlib1g"] {
            XCTAssertFalse(names.contains(transitive), "Depends names a library the agent does not link itself: \(transitive)")
        }

        let control = scratch.appendingPathComponent("control")
        try LabCommandRunner.run(["dpkg-deb", "--control", deb, control.path], timeout: 30).checked()
        XCTAssertEqual(String(decoding: try LabFileSystem.read(control.appendingPathComponent("conffiles")), as: UTF8.self),
                       "/etc/tls-policy-agent/agent.cf\n")
        for script in ["postinst", "prerm", "postrm", "md5sums"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: control.appendingPathComponent(script).path), script)
        }

        let root = scratch.appendingPathComponent("root")
        try LabCommandRunner.run(["dpkg-deb", "-x", deb, root.path], timeout: 120).checked()
        for path in ["usr/share/doc/tls-policy-agent/copyright", "usr/share/doc/tls-policy-agent/changelog.Debian.gz",
                     "usr/share/doc/tls-policy-agent/README.Debian", "usr/share/man/man1/tls-policy-agent.1.gz",
                     "usr/share/bash-completion/completions/tls-policy-agent", "usr/share/zsh/vendor-completions/_tls-policy-agent",
                     "usr/share/fish/vendor_completions.d/tls-policy-agent.fish",
                     "lib/systemd/system/tls-policy-agent.service", "lib/systemd/system/tls-policy-agent.timer"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path), "package lacks /\(path)")
        }
        XCTAssertEqual(try LabFileSystem.read(root.appendingPathComponent("etc/tls-policy-agent/agent.cf")),
                       try LabFileSystem.read(RepositoryRoot.url.appendingPathComponent("docs/agent.cf.example")),
                       "the conffile is the commented example")
        let completion = String(decoding: try LabFileSystem.read(root.appendingPathComponent("usr/share/bash-completion/completions/tls-policy-agent")),
                                as: UTF8.self)
        XCTAssertTrue(completion.contains("doctor"), "the completion knows the subcommands")
        let service = String(decoding: try LabFileSystem.read(root.appendingPathComponent("lib/systemd/system/tls-policy-agent.service")),
                             as: UTF8.self)
        XCTAssertTrue(service.contains("ExecStart=/usr/bin/tls-policy-agent sync"), service)

        // The binary: stripped, no runpath, nothing from the Swift toolchain.
        let agent = root.appendingPathComponent("usr/bin/tls-policy-agent").path
        let dynamic = try LabCommandRunner.run(["readelf", "-d", agent], timeout: 30).checked().stdoutText
        XCTAssertFalse(dynamic.contains("RUNPATH") || dynamic.contains("RPATH"), dynamic)
        XCTAssertFalse(dynamic.contains("libswift") || dynamic.contains("libFoundation"), dynamic)
        let sections = try LabCommandRunner.run(["readelf", "-S", "-W", agent], timeout: 30).checked().stdoutText
        XCTAssertFalse(sections.contains(".symtab") || sections.contains(".debug_info"), "not stripped")
        XCTAssertEqual(try LabCommandRunner.run([agent, "--version"], timeout: 30).checked().stdoutText
            .trimmingCharacters(in: .whitespacesAndNewlines), changelogVersion.components(separatedBy: "-").first)

        // lintian, Debian's package checker: no error, and no warning but those accepted above.
        let lintian = try LabCommandRunner.run(["lintian", "--no-cfg", deb], timeout: 300)
        print(lintian.stdoutText)
        let hints = lintian.stdoutText.split(separator: "\n")
        XCTAssertFalse(hints.contains { $0.hasPrefix("E:") }, lintian.stdoutText)
        let warnings = Set(hints.filter { $0.hasPrefix("W:") }.compactMap { $0.split(separator: " ").dropFirst(2).first.map(String.init) })
        XCTAssertTrue(warnings.isSubset(of: Self.acceptedLintianWarnings),
                      "lintian warnings beyond the accepted ones: \(warnings.subtracting(Self.acceptedLintianWarnings))")
    }

    func testABinaryThatNeedsTheSwiftToolchainIsRefused() throws {
        // The debug build the tests run from links the Swift runtime from the toolchain.
        let build = try BuildProducts.current()
        let scratch = try LabFileSystem.makeTemporaryDirectory(prefix: "package-deb-dynamic")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let result = try LabCommandRunner.run([script, "--bin-dir", build.binDirectory.path, "--output", scratch.path], timeout: 60)
        XCTAssertEqual(result.exitStatus, 1)
        XCTAssertTrue(result.stderrText.contains("libswiftCore.so"), result.stderrText)
        XCTAssertTrue(result.stderrText.contains("a host without the toolchain cannot run it"), result.stderrText)
        XCTAssertTrue(result.stderrText.contains("--static-swift-stdlib"), result.stderrText)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path), [])
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
