import Foundation

/// A fresh directory under the system's temporary directory, removed when
/// the value is released.
final class TemporaryDirectory {
    /// Absolute path, with symlinks resolved so it compares equal to the
    /// paths libgit2 and git report.
    let path: String

    init(prefix: String) throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
        let url = base.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.resolvingSymlinksInPath().path
    }

    deinit {
        // Best effort: a leftover directory under /tmp must not fail a test.
        try? FileManager.default.removeItem(atPath: path)
    }
}
