import Foundation

/// Where a program named without a `/` is looked for: the system directories first,
/// then the caller's `PATH`.
///
/// The agent runs as root from a timer: a `PATH` that names a writable directory ahead
/// of `/usr/sbin` must not decide which `postmap` or `gpgv` runs, so the directories the
/// distribution installs into always win, and `/usr/local` comes after them.
public enum ExecutableSearch {
    /// The directories searched before `PATH`, in order.
    public static let systemDirectories = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"]

    /// ``systemDirectories``, then the entries of `path` (a `PATH` value) not already named.
    public static func directories(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> [String] {
        var seen = Set(systemDirectories)
        let extra = (path ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty && seen.insert($0).inserted }
        return systemDirectories + extra
    }

    /// The absolute path of `program`: itself when it contains a `/` (and is executable),
    /// else the first executable of that name in `directories`.
    public static func locate(_ program: String, in directories: [String] = directories()) throws(CommandError) -> String {
        if program.contains("/") {
            guard FileManager.default.isExecutableFile(atPath: program) else {
                throw .programNotFound(program: program, searched: [])
            }
            return program
        }
        for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(program)") {
            return "\(directory)/\(program)"
        }
        throw .programNotFound(program: program, searched: directories)
    }
}
