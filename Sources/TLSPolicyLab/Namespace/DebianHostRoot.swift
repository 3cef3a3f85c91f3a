import ExternalCommand
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway Debian host inside a ``LabNamespace``: an overlay over a cached root made
/// by `debootstrap` (the cache is never written), entered with `pivot_root` in a mount and
/// PID namespace of its own. It shares the lab namespace's network, so the servers the lab
/// starts on loopback are its neighbours, and nothing of the machine running the tests is
/// visible inside (no Swift toolchain, no build tree) except what ``sharedDirectory``
/// shows read-only at ``sharedMountPoint``.
///
/// `pivot_root`, not `chroot`: the root is a mount point of its own, so namespaces made
/// inside it (a unit's sandbox, `unshare --mount`) see it as `/`. Inside a plain chroot,
/// `unshare --mount` fails ("cannot change root filesystem propagation") and `nsenter
/// --mount` lands at the machine's own `/`.
/// Stopped by killing the holder, the PID 1 of its PID namespace: everything started
/// inside dies with it, and its mounts go with the mount namespace.
public final class DebianHostRoot {
    /// Where the shared directory appears inside the root.
    public static let sharedMountPoint = "/srv/lab"

    /// Host-visible scratch directory: the overlay's upper and work directories.
    public let directory: URL
    /// Shown read-only at ``sharedMountPoint`` inside the root.
    public let sharedDirectory: URL
    /// Host PID of the holder (PID 1 inside), the target of `nsenter`.
    public let holderPID: pid_t

    private let launcher: LabProcess
    private var stopped = false

    /// Mounts the overlay and enters it; waits (bounded) until the root is ready.
    ///
    /// - Parameters:
    ///   - cachedRoot: a Debian root made by `debootstrap` (the overlay's read-only lower layer).
    ///   - directory: scratch space on a file system that can hold an overlay's upper layer.
    public init(namespace: LabNamespace, cachedRoot: URL, directory: URL, sharedDirectory: URL, timeout: TimeInterval = 30) throws {
        guard FileManager.default.fileExists(atPath: cachedRoot.appendingPathComponent("etc/debian_version").path) else {
            throw LabError.fileError(path: cachedRoot.path, reason: "not a Debian root (no etc/debian_version)")
        }
        self.directory = directory
        self.sharedDirectory = sharedDirectory
        let upper = directory.appendingPathComponent("upper")
        let work = directory.appendingPathComponent("work")
        let merged = directory.appendingPathComponent("merged")
        for url in [upper, work, merged, sharedDirectory] { try LabFileSystem.createDirectory(url) }
        let script = """
            set -e
            lower="$1"; upper="$2"; work="$3"; merged="$4"; shared="$5"; point="$6"
            mount --make-rprivate /
            mount -t overlay overlay -o "lowerdir=$lower,upperdir=$upper,workdir=$work" "$merged"
            mount -t proc proc "$merged/proc"
            mount -t sysfs sysfs "$merged/sys"
            mount --rbind /dev "$merged/dev"
            mount -t tmpfs -o mode=0755 tmpfs "$merged/run"
            mount -t tmpfs -o mode=1777 tmpfs "$merged/tmp"
            mkdir -p "$merged$point"
            mount --bind "$shared" "$merged$point"
            mount -o remount,bind,ro "$merged$point"
            cd "$merged"
            mkdir -p .old-root
            pivot_root . .old-root
            umount -l /.old-root
            rmdir /.old-root
            mkdir -p /run/lock
            touch /run/lab-root-ready
            exec /bin/bash -c 'while :; do sleep 1; done'
            """
        let launcher = try namespace.spawn(
            ["unshare", "--mount", "--pid", "--fork", "--kill-child", "--", "/bin/bash", "-c", script, "host-root",
             cachedRoot.path, upper.path, work.path, merged.path, sharedDirectory.path, Self.sharedMountPoint],
            logFile: directory.appendingPathComponent("holder.log"), timeout: timeout)
        var holder: pid_t = 0
        let ready = ProcessTable.waitUntil(timeout: timeout) {
            if holder == 0, let child = ProcessTable.children(of: launcher.pid).first { holder = child }
            return (holder != 0 && FileManager.default.fileExists(atPath: "/proc/\(holder)/root/run/lab-root-ready"))
                || !launcher.isRunning
        }
        guard ready, holder != 0, launcher.isRunning else {
            let output = launcher.output
            try? launcher.stop()
            throw LabError.namespaceSetupFailed("the Debian root did not come up within \(timeout) s: \(output)")
        }
        holderPID = holder
        self.launcher = launcher
    }

    deinit { stop() }

    /// Runs a command inside the root (as root, with the lab's PATH and C locale) and waits
    /// for it, at most `timeout` seconds. A non-zero exit is returned, not thrown.
    @discardableResult
    public func run(_ argv: [String], input: Data? = nil, timeout: TimeInterval = 60) throws -> CommandResult {
        guard !stopped else { throw LabError.namespaceSetupFailed("the Debian root is stopped; cannot run \(LabError.render(argv))") }
        return try LabCommandRunner.run(["nsenter", "--target", "\(holderPID)", "--mount", "--pid", "--net", "--root", "--wd", "--"] + argv,
                                     input: input, timeout: timeout, displayArgv: argv)
    }

    /// The host path of `path` inside the root (through `/proc/PID/root`), to read and
    /// write files there from the test.
    public func hostURL(_ path: String) -> URL {
        URL(fileURLWithPath: "/proc/\(holderPID)/root" + (path.hasPrefix("/") ? path : "/" + path))
    }

    /// Writes `text` to `path` inside the root, back-dated (Postfix naps on fresh files).
    public func write(_ text: String, to path: String, mode: Int16 = 0o644) throws {
        try LabFileSystem.write(text, to: hostURL(path), mode: mode, backdated: true)
    }

    /// The text of `path` inside the root.
    public func read(_ path: String) throws -> String {
        String(decoding: try LabFileSystem.read(hostURL(path)), as: UTF8.self)
    }

    /// Whether `path` exists inside the root (a dangling symbolic link counts).
    public func exists(_ path: String) -> Bool {
        let url = hostURL(path)
        return FileManager.default.fileExists(atPath: url.path)
            || (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil
    }

    /// Kills the holder (and so everything inside), then waits for the launcher. Idempotent.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        kill(holderPID, SIGKILL)
        try? launcher.stop(timeout: 5)
    }
}
