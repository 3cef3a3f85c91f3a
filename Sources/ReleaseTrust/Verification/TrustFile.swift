import Foundation

/// Checks that a configured trust file can be read before a tool is pointed at
/// it, so that a missing file is reported as such and not as a bad signature.
public enum TrustFile {
    public static func requireReadable(_ path: String) throws(ReleaseTrustError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .trustFileUnreadable(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .trustFileUnreadable(path: path, reason: "is a directory") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .trustFileUnreadable(path: path, reason: "permission denied")
        }
    }
}
