import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Read-only questions about host processes, answered from `/proc` (Linux only).
///
/// The lab stops every server by PID; these helpers find the PIDs of children that a
/// launcher (`unshare`, `nsenter`) forked, tell a zombie from a live process, and map a
/// PID as seen inside a PID namespace to the host PID that `kill(2)` needs.
public enum ProcessTable {
    /// Direct children of `pid`, from `/proc/PID/task/*/children`.
    public static func children(of pid: pid_t) -> [pid_t] {
        let taskDir = "/proc/\(pid)/task"
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: taskDir) else { return [] }
        var result: [pid_t] = []
        for task in tasks {
            guard let text = try? String(contentsOfFile: "\(taskDir)/\(task)/children", encoding: .utf8) else { continue }
            result += text.split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        return result
    }

    /// The first child `launcher` forks (`unshare --fork` and `nsenter --pid` fork once, and
    /// the program runs as that child), waiting at most `timeout`; nil when the launcher
    /// exited first or forked nothing in time.
    public static func firstChild(of launcher: Process, timeout: TimeInterval, interval: TimeInterval = 0.02) -> pid_t? {
        var child: pid_t?
        waitUntil(timeout: timeout, interval: interval) {
            child = children(of: launcher.processIdentifier).first
            return child != nil || !launcher.isRunning
        }
        return child
    }

    /// All descendants of `pid`, children first; bounded so that a runaway fork loop cannot hang us.
    public static func descendants(of pid: pid_t, limit: Int = 4_096) -> [pid_t] {
        var result: [pid_t] = []
        var queue = children(of: pid)
        while let next = queue.first, result.count < limit {
            queue.removeFirst()
            result.append(next)
            queue += children(of: next)
        }
        return result
    }

    /// True when `pid` exists and is not a zombie (a zombie has exited; only its parent's
    /// `wait` is missing, so for "has the server stopped?" it counts as gone).
    public static func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        // The state is the first field after the parenthesised command name, which may itself hold ')'.
        guard let close = stat.lastIndex(of: ")") else { return false }
        let rest = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces)
        guard let state = rest.first else { return false }
        return state != "Z" && state != "X"
    }

    /// The identity (inode text, e.g. `pid:[4026532]`) of one of a process's namespaces.
    public static func namespaceIdentity(of pid: pid_t, kind: String) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/\(kind)")
    }

    /// The host PID of the process whose PID inside the PID namespace of `member` is `namespacePID`.
    ///
    /// Scans `/proc` for a process in that namespace whose `NSpid` line ends in `namespacePID`.
    public static func hostPID(forNamespacePID namespacePID: pid_t, inPIDNamespaceOf member: pid_t) -> pid_t? {
        guard let target = namespaceIdentity(of: member, kind: "pid") else { return nil }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
        for entry in entries {
            guard let pid = pid_t(entry), namespaceIdentity(of: pid, kind: "pid") == target else { continue }
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { continue }
            for line in status.split(separator: "\n") where line.hasPrefix("NSpid:") {
                let fields = line.dropFirst("NSpid:".count).split(whereSeparator: { $0 == " " || $0 == "\t" })
                if let last = fields.last, pid_t(last) == namespacePID { return pid }
            }
        }
        return nil
    }

    /// Waits until `condition` is true, polling every `interval`, for at most `timeout` seconds.
    /// Returns whether the condition came true.
    @discardableResult
    public static func waitUntil(timeout: TimeInterval, interval: TimeInterval = 0.02, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if try condition() { return true }
            if Date() >= deadline { return false }
            Thread.sleep(forTimeInterval: interval)
        }
    }

    /// Sends SIGTERM, waits up to `timeout` for the process to go, then SIGKILL and waits again.
    /// Throws when the process is still there after both.
    public static func terminate(_ pid: pid_t, what: String, timeout: TimeInterval) throws {
        guard isRunning(pid) else { return }
        kill(pid, SIGTERM)
        if waitUntil(timeout: timeout, { !isRunning(pid) }) { return }
        kill(pid, SIGKILL)
        if waitUntil(timeout: 5, { !isRunning(pid) }) { return }
        throw LabError.processDidNotStop(pid: pid, what: what)
    }
}
