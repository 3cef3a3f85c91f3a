import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether this machine can run the lab: root, and the programs it drives.
///
/// Tests call ``unavailableReason`` and skip (never pass) with that reason when it is not nil.
public enum LabEnvironment {
    /// Programs the lab runs; each comes from a Debian package that `scripts/test`
    /// installs (see docs/testing.md).
    public static let requiredPrograms = [
        "unshare", "nsenter", "mount", "ip", "postfix", "postmap", "postconf", "sendmail", "postqueue",
        "dnsmasq", "drill", "openssl",
    ]

    /// True when running as root.
    public static var isRoot: Bool { geteuid() == 0 }

    /// Nil when the lab can run here; otherwise why not, in words fit for `XCTSkip`.
    public static var unavailableReason: String? {
        if !isRoot {
            return "needs root: the lab creates network/mount/PID namespaces and runs Postfix's master on port 25"
        }
        let missing = requiredPrograms.filter { (try? LabCommandRunner.locate($0)) == nil }
        if !missing.isEmpty {
            return "programs not installed: \(missing.joined(separator: ", ")) (scripts/test installs them: postfix, dnsmasq-base, ldnsutils, openssl, iproute2, util-linux; see docs/testing.md)"
        }
        return nil
    }

    /// Throws ``LabError/notRoot`` unless running as root.
    public static func requireRoot() throws {
        guard isRoot else { throw LabError.notRoot }
    }
}
