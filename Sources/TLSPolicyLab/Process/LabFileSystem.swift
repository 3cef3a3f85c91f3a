import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File helpers with the lab's conventions: errors name the path, and files written for
/// Postfix can be back-dated.
public enum LabFileSystem {
    /// How far in the past ``write(_:to:mode:backdated:)`` puts a back-dated file's mtime.
    ///
    /// Postfix commands nap about 1.8 s when main.cf (or another file they read) is younger
    /// than a second, waiting for it to settle; an old mtime skips that nap.
    public static let backdateSeconds: TimeInterval = 120

    /// Creates `url` and its parents.
    public static func createDirectory(_ url: URL, mode: Int16 = 0o755) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: mode])
        } catch {
            throw LabError.fileError(path: url.path, reason: "cannot create directory: \(error)")
        }
    }

    /// Writes `data` to `url` (replacing it), optionally with `mode` and an old mtime.
    public static func write(_ data: Data, to url: URL, mode: Int16? = nil, backdated: Bool = false) throws {
        do {
            try data.write(to: url)
            if let mode {
                try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
            }
            if backdated { try backdate(url) }
        } catch let error as LabError {
            throw error
        } catch {
            throw LabError.fileError(path: url.path, reason: "cannot write: \(error)")
        }
    }

    /// Writes `text` as UTF-8; see ``write(_:to:mode:backdated:)``.
    public static func write(_ text: String, to url: URL, mode: Int16? = nil, backdated: Bool = false) throws {
        try write(Data(text.utf8), to: url, mode: mode, backdated: backdated)
    }

    /// Sets the access and modification times of `url` to ``backdateSeconds`` ago.
    public static func backdate(_ url: URL) throws {
        let old = Date().addingTimeInterval(-backdateSeconds)
        do {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url.path)
        } catch {
            throw LabError.fileError(path: url.path, reason: "cannot set mtime: \(error)")
        }
    }

    /// Reads `url`; a missing file is an error that names it.
    public static func read(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw LabError.fileError(path: url.path, reason: "cannot read: \(error)")
        }
    }

    /// Gives `url` to the user and group named (like `chown`), looked up in the passwd and group databases.
    public static func changeOwner(_ url: URL, user: String, group: String? = nil) throws {
        guard let pw = getpwnam(user) else { throw LabError.fileError(path: url.path, reason: "no such user: \(user)") }
        var gid = pw.pointee.pw_gid
        if let group {
            guard let gr = getgrnam(group) else { throw LabError.fileError(path: url.path, reason: "no such group: \(group)") }
            gid = gr.pointee.gr_gid
        }
        guard chown(url.path, pw.pointee.pw_uid, gid) == 0 else {
            throw LabError.fileError(path: url.path, reason: "chown \(user): \(String(cString: strerror(errno)))")
        }
    }

    /// A new unique directory under the system's temporary directory.
    public static func makeTemporaryDirectory(prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try createDirectory(url)
        return url
    }
}
