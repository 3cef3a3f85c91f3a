import Foundation

/// A signature written to a private temporary directory for a tool that only
/// reads signatures from a file; the directory is removed on deinit.
final class SignatureScratchFile {
    let directory: URL
    let path: String

    init(_ bytes: [UInt8]) throws(ReleaseTrustError) {
        let base = FileManager.default.temporaryDirectory
        directory = base.appendingPathComponent("release-trust-\(UUID().uuidString)")
        path = directory.appendingPathComponent("signature").path
        do {
            // 0700: nobody else can swap the signature between write and verify.
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            throw .toolFailed(tool: "signature file", reason: "cannot write \(path): \(error)")
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }
}
