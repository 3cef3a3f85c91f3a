import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// New content written and flushed beside its target under a temporary name, not yet
/// visible under the target's name.
///
/// Staging first and publishing after lets a caller replace several files nearly at
/// once (an import writes a dataset's files): if any one cannot be staged, nothing has
/// changed. Discarded on deinit unless published.
public final class StagedFile {
    /// The file the content is for.
    public let targetPath: String
    /// Where the content waits: a hidden name in the target's directory (rename(2) is
    /// atomic only within one file system).
    public let temporaryPath: String
    private var settled = false

    /// Writes `bytes` to a new temporary beside `targetPath` (`O_EXCL`) and fsyncs it.
    ///
    /// - Parameter mode: the permission bits; `nil` keeps those of the file being replaced,
    ///   or 0644 for a new file.
    public init(_ bytes: [UInt8], for targetPath: String, mode: mode_t? = nil) throws(DurableFileError) {
        self.targetPath = targetPath
        let url = URL(fileURLWithPath: targetPath)
        let name = ".\(url.lastPathComponent).tmp-\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 36))"
        temporaryPath = url.deletingLastPathComponent().appendingPathComponent(name).path
        var existing = stat()
        let permissions = mode ?? (stat(targetPath, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644)
        do {
            try DurableFileSystem.writeNew(temporaryPath, bytes: bytes, mode: permissions, owner: nil)
        } catch {
            unlink(temporaryPath)
            settled = true
            throw error
        }
    }

    /// Renames the temporary over the target. The directory entry is durable once the
    /// caller fsyncs the directory (``DurableFileSystem/syncDirectory(_:)``), after the
    /// last of the files it publishes together.
    public func publish() throws(DurableFileError) {
        precondition(!settled, "a staged file is published or discarded once")
        do {
            try DurableFileSystem.rename(temporaryPath, to: targetPath)
        } catch {
            discard()
            throw error
        }
        settled = true
    }

    /// Removes the temporary; the target stays as it was.
    public func discard() {
        guard !settled else { return }
        unlink(temporaryPath)
        settled = true
    }

    deinit { discard() }
}
