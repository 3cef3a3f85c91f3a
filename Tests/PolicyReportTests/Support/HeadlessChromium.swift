import ExternalCommand
import Foundation
import TLSPolicyLab
import XCTest

/// Debian's Chromium, run headless inside a lab namespace (loopback only), with its own
/// profile directory, no proxy or DNS it could use, and a deadline after which it and
/// every process it started are killed by PID.
struct HeadlessChromium {
    let namespace: LabNamespace
    let program: String
    let profile: URL

    /// Skips the test when Chromium is not installed (`apt-get install chromium`).
    init(namespace: LabNamespace) throws {
        guard let program = try? LabCommandRunner.locate("chromium") else {
            throw XCTSkip("chromium is not installed (apt-get install -y chromium)")
        }
        self.namespace = namespace
        self.program = program
        profile = namespace.directory.appendingPathComponent("chromium-profile")
        try LabFileSystem.createDirectory(profile, mode: 0o700)
    }

    private func run(_ arguments: [String]) throws -> CommandResult {
        // The namespace has no route anywhere but loopback; the flags also take away the
        // proxy and name resolution, and the background fetches a fresh profile would try.
        let argv = ["env", "HOME=\(profile.path)", program, "--headless", "--no-sandbox", "--disable-gpu",
                    "--user-data-dir=\(profile.path)", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-default-apps",
                    "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND"] + arguments
        return try namespace.run(argv, timeout: 90)
    }

    /// Renders `page` to a PNG of `width`×`height` pixels and returns the PNG's bytes.
    func screenshot(_ page: URL, to png: URL, width: Int, height: Int) throws -> Data {
        let result = try run(["--screenshot=\(png.path)", "--window-size=\(width),\(height)", page.absoluteString])
        try result.checked()
        return try LabFileSystem.read(png)
    }

    /// The page's DOM after Chromium parsed it, serialized as HTML.
    func dumpDOM(_ page: URL) throws -> String {
        let result = try run(["--dump-dom", page.absoluteString])
        try result.checked()
        return result.stdoutText
    }
}
