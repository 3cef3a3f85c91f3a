import Foundation

/// The file-system part of a service's sandbox, taken from its unit file, and a way to
/// run a command under it without a running systemd: what `ProtectSystem=`,
/// `ReadWritePaths=`, `StateDirectory=`, `PrivateTmp=`, `ProtectHome=` and `UMask=` do to
/// the file system, done with `unshare --mount` and bind mounts (systemd.exec(5)).
///
/// Only those settings are emulated; the unit's other hardening (capabilities, system
/// call filter, ...) is not. A writable path without the `-` prefix that does not exist
/// fails the start, as it fails the unit's start under systemd.
public struct UnitSandbox: Sendable {
    /// One `ReadWritePaths=` entry.
    public struct WritablePath: Sendable, Equatable {
        public let path: String
        /// The `-` prefix: a missing path is ignored rather than failing the start.
        public let ignoredIfMissing: Bool

        public init(path: String, ignoredIfMissing: Bool) {
            self.path = path
            self.ignoredIfMissing = ignoredIfMissing
        }
    }

    /// `ExecStart=`, split into words (the unit's single command line).
    public let execStart: [String]
    /// `ProtectSystem=`: `strict`, `full`, `yes` or `no`.
    public let protectSystem: String
    public let writablePaths: [WritablePath]
    /// `StateDirectory=` entries as absolute paths under `/var/lib`.
    public let stateDirectories: [String]
    /// `StateDirectoryMode=` (octal text), `0755` when unset.
    public let stateDirectoryMode: String
    public let privateTmp: Bool
    public let protectHome: Bool
    /// `UMask=` (octal text), systemd's default `0022` when unset.
    public let umask: String

    /// Reads the `[Service]` section of `unit`.
    public init(unit: SystemdUnitFile) throws {
        guard let exec = unit.value("ExecStart", in: "Service"), !exec.isEmpty else {
            throw LabError.invalidArgument("\(unit.name): no ExecStart=")
        }
        guard let first = exec.first, first == "/" else {
            // Prefixes such as - @ + ! change how systemd runs the command; the units here use none.
            throw LabError.invalidArgument("\(unit.name): ExecStart= must start with an absolute path, without prefixes: \(exec)")
        }
        execStart = exec.split(separator: " ").map(String.init)
        let protect = unit.value("ProtectSystem", in: "Service") ?? "no"
        protectSystem = Self.isTrue(protect) ? "yes" : (Self.isFalse(protect) ? "no" : protect)
        guard ["strict", "full", "yes", "no"].contains(protectSystem) else {
            throw LabError.invalidArgument("\(unit.name): ProtectSystem=\(protect) is not strict, full or a boolean")
        }
        writablePaths = unit.words("ReadWritePaths", in: "Service").map { word in
            var path = Substring(word)
            var optional = false
            while let prefix = path.first, prefix == "-" || prefix == "+" {
                if prefix == "-" { optional = true }
                path = path.dropFirst()
            }
            return WritablePath(path: Self.normalized(String(path)), ignoredIfMissing: optional)
        }
        stateDirectories = unit.words("StateDirectory", in: "Service").map { "/var/lib/\($0)" }
        stateDirectoryMode = unit.value("StateDirectoryMode", in: "Service") ?? "0755"
        privateTmp = Self.isTrue(unit.value("PrivateTmp", in: "Service") ?? "no")
        let home = unit.value("ProtectHome", in: "Service") ?? "no"
        protectHome = Self.isTrue(home) || home == "read-only" || home == "tmpfs"
        umask = unit.value("UMask", in: "Service") ?? "0022"
    }

    /// Directories the service may write, whatever exists: the writable paths, the state
    /// directories, and with `PrivateTmp=` its own `/tmp` and `/var/tmp`.
    public var writableDirectories: [String] {
        writablePaths.map(\.path) + stateDirectories + (privateTmp ? ["/tmp", "/var/tmp"] : [])
    }

    /// Whether the service may create or replace `path` (an absolute path): it lies in a
    /// writable directory, or `ProtectSystem=` leaves its place writable.
    public func allowsWriting(_ path: String) -> Bool {
        let path = Self.normalized(path)
        if writableDirectories.contains(where: { Self.path(path, isInside: $0) }) { return true }
        if protectHome, ["/home", "/root", "/run/user"].contains(where: { Self.path(path, isInside: $0) }) { return false }
        return !readOnlyTrees.contains(where: { Self.path(path, isInside: $0) })
    }

    /// The trees `ProtectSystem=` makes read-only.
    private var readOnlyTrees: [String] {
        switch protectSystem {
        case "strict": ["/"]
        case "full": ["/usr", "/boot", "/efi", "/etc"]
        case "yes": ["/usr", "/boot", "/efi"]
        default: []
        }
    }

    /// The command that runs `ExecStart=` (with `extraArguments` appended) under this
    /// sandbox, for a shell whose `/` is the host to emulate: a private mount namespace,
    /// then the mounts systemd would make, then `exec` of the command.
    public func launchCommand(extraArguments: [String] = []) -> [String] {
        launchCommand(running: execStart + extraArguments)
    }

    /// Any command under this sandbox (to see what the service could and could not do).
    public func launchCommand(running command: [String]) -> [String] {
        ["unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c", setupScript, "unit-sandbox"] + command
    }

    /// The shell script behind ``launchCommand(extraArguments:)``; its arguments are the command.
    var setupScript: String {
        var lines = ["set -eu"]
        for directory in stateDirectories {
            lines.append("mkdir -p \(Self.quoted(directory)) && chmod \(stateDirectoryMode) \(Self.quoted(directory))")
        }
        if privateTmp {
            lines.append("mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /tmp")
            lines.append("mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /var/tmp")
        }
        if protectHome {
            lines.append("for d in /home /root /run/user; do if [ -d \"$d\" ]; then mount -t tmpfs -o ro,mode=0 tmpfs \"$d\"; fi; done")
        }
        // Each writable path becomes a mount of its own, so the read-only pass skips it.
        for writable in writablePaths {
            let path = Self.quoted(writable.path)
            let missing = writable.ignoredIfMissing
                ? ":"
                : "echo \"unit-sandbox: ReadWritePaths=\(writable.path): No such file or directory\" >&2; exit 226"
            lines.append("if [ -e \(path) ]; then mount --bind \(path) \(path); else \(missing); fi")
        }
        for directory in stateDirectories {
            lines.append("mount --bind \(Self.quoted(directory)) \(Self.quoted(directory))")
        }
        let keep = (writableDirectories.map { Self.quoted($0) } + ["/proc", "/proc/*", "/sys", "/sys/*", "/dev", "/dev/*"])
            .joined(separator: "|")
        switch protectSystem {
        case "strict":
            // Every mount read-only except the API file systems and the writable ones.
            lines.append("""
                awk '{ print $5 }' /proc/self/mountinfo | sort -u | while read -r m; do \
                case "$m" in \(keep)) continue ;; esac; \
                mount -o remount,bind,ro "$m"; done
                """)
        case "full", "yes":
            for tree in readOnlyTrees {
                lines.append("if [ -d \(tree) ]; then mount --rbind \(tree) \(tree) && mount -o remount,bind,ro \(tree); fi")
            }
        default:
            break
        }
        lines.append("umask \(umask)")
        if let state = stateDirectories.first { lines.append("export STATE_DIRECTORY=\(Self.quoted(state))") }
        lines.append("exec \"$@\"")
        return lines.joined(separator: "\n")
    }

    private static func isTrue(_ value: String) -> Bool { ["yes", "true", "on", "1"].contains(value.lowercased()) }
    private static func isFalse(_ value: String) -> Bool { ["no", "false", "off", "0"].contains(value.lowercased()) }

    private static func normalized(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }

    private static func path(_ path: String, isInside directory: String) -> Bool {
        directory == "/" || path == directory || path.hasPrefix(directory + "/")
    }

    /// Single-quoted for sh.
    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
