import Foundation
import TLSPolicyLab

/// Where the binaries under test were built: their directory, the SwiftPM scratch
/// directory and configuration it belongs to, so that `make install` and the packaging
/// script work on exactly this build (never a release build).
struct BuildProducts {
    /// The directory holding `tls-policy-validator` and `tls-policy-agent`.
    let binDirectory: URL
    /// The SwiftPM scratch directory (`.build`, `.build-NAME`).
    let scratchDirectory: URL
    /// `debug` or `release`: the name of the products directory.
    let configuration: String

    /// The build the running tests were built with; throws when the agent is not in it.
    static func current() throws -> BuildProducts {
        let agent = try ProductBinary.named("tls-policy-agent")
        let bin = agent.url.deletingLastPathComponent().resolvingSymlinksInPath()
        // SCRATCH/<triple>/<configuration>/tls-policy-agent
        return BuildProducts(
            binDirectory: bin,
            scratchDirectory: bin.deletingLastPathComponent().deletingLastPathComponent(),
            configuration: bin.lastPathComponent)
    }
}
