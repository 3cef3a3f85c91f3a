import Foundation
import TLSPolicyLab
import XCTest

/// What the host test needs from `scripts/setup` and `scripts/test`: the cached Debian root
/// with the package's dependencies downloaded (`.build/host-root`, made by scripts/test), the
/// static release build of the agent (`.build/release`) and the generated man page. Missing
/// inputs skip the test on a developer's machine and fail it in CI (`CI=true`), where both
/// always run first.
struct HostTestInputs {
    let repositoryRoot: URL
    let cachedRoot: URL
    let releaseDirectory: URL
    let manDirectory: URL
    /// The package's version, the top entry of contrib/debian/changelog.
    let packageVersion: String
    /// What `tls-policy-agent --version` prints: the version without its Debian revision.
    var agentVersion: String { String(packageVersion.prefix { $0 != "-" }) }

    static func find() throws -> HostTestInputs {
        let repositoryRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        if let reason = LabEnvironment.unavailableReason { throw XCTSkip("lab unavailable: \(reason)") }
        // SCRATCH/<triple>/<configuration>/tls-policy-agent: the scratch directory these tests were built in.
        let scratch = try ProductBinary.named("tls-policy-agent").url.resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let changelog = repositoryRoot.appendingPathComponent("contrib/debian/changelog").path
        let inputs = HostTestInputs(
            repositoryRoot: repositoryRoot,
            cachedRoot: scratch.appendingPathComponent("host-root/root"),
            releaseDirectory: scratch.appendingPathComponent("release"),
            manDirectory: scratch.appendingPathComponent("plugins/GenerateManual/outputs/Agent"),
            packageVersion: try LabCommandRunner.run(["dpkg-parsechangelog", "-l", changelog, "-S", "Version"], timeout: 30)
                .checked().stdoutText.trimmingCharacters(in: .whitespacesAndNewlines))
        var missing: [String] = []
        if !FileManager.default.fileExists(atPath: inputs.cachedRoot.appendingPathComponent(".tls-policy-host-root").path) {
            missing.append("\(inputs.cachedRoot.path) (scripts/host-root, which scripts/test runs as root)")
        }
        if !FileManager.default.isExecutableFile(atPath: inputs.releaseDirectory.appendingPathComponent("tls-policy-agent").path) {
            missing.append("\(inputs.releaseDirectory.path)/tls-policy-agent (scripts/setup)")
        }
        if !FileManager.default.fileExists(atPath: inputs.manDirectory.appendingPathComponent("tls-policy-agent.1").path) {
            missing.append("\(inputs.manDirectory.path)/tls-policy-agent.1 (scripts/test runs the generate-manual plugin)")
        }
        if !missing.isEmpty {
            let message = "the host test needs " + missing.joined(separator: ", ")
            if ProcessInfo.processInfo.environment["CI"] == "true" { throw LabError.invalidArgument(message) }
            throw XCTSkip(message)
        }
        return inputs
    }

    /// `scripts/package-deb` on the release build; `buildNumber` makes a newer build of it.
    /// gzip at level 1 rather than xz: the package's contents are what the test is about,
    /// and xz on the 60 MB binary costs about 25 s per package.
    func buildPackage(into directory: URL, buildNumber: Int? = nil) throws -> URL {
        let script = repositoryRoot.appendingPathComponent("scripts/package-deb").path
        let result = try LabCommandRunner.run(
            ["env", "DPKG_DEB_COMPRESSOR_TYPE=gzip", "DPKG_DEB_COMPRESSOR_LEVEL=1", script,
             "--bin-dir", releaseDirectory.path, "--man-dir", manDirectory.path, "--output", directory.path]
                + (buildNumber.map { ["--build-number", "\($0)"] } ?? []),
            timeout: 300).checked()
        return URL(fileURLWithPath: result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
