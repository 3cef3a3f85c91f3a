internal import COpenSSL
import Foundation

/// The certificates an HTTPS fetch trusts (owns an OpenSSL `X509_STORE`):
/// the CAs of a configured file, or OpenSSL's default locations (the system
/// CAs; `SSL_CERT_FILE` and `SSL_CERT_DIR` apply as for every OpenSSL client).
final class GitTrustStore {
    private let store: OpaquePointer
    /// What the store holds, for messages: `the CA file /etc/...` or `the system CAs`.
    let origin: String

    private init(store: OpaquePointer, origin: String) {
        self.store = store
        self.origin = origin
    }

    /// The certificates of `caFile` (PEM, one or more), and nothing else.
    ///
    /// - Throws: ``GitCacheError/invalidSetting(path:line:reason:)`` when the
    ///   file is missing or holds no certificate OpenSSL can read.
    static func load(caFile: String) throws(GitCacheError) -> GitTrustStore {
        guard FileManager.default.isReadableFile(atPath: caFile) else {
            throw .invalidSetting(path: caFile, line: nil, reason: "cannot read the CA file")
        }
        guard let store = X509_STORE_new() else {
            throw .invalidSetting(path: caFile, line: nil, reason: "OpenSSL could not allocate a certificate store")
        }
        let trust = GitTrustStore(store: store, origin: "the CA file \(caFile)")
        ERR_clear_error()
        guard X509_STORE_load_file(store, caFile) == 1 else {
            throw .invalidSetting(path: caFile, line: nil, reason: "no PEM certificate OpenSSL can load: \(drainErrors())")
        }
        return trust
    }

    /// OpenSSL's default trust locations; nil if OpenSSL cannot set them up.
    static func systemDefault() -> GitTrustStore? {
        guard let store = X509_STORE_new() else { return nil }
        let trust = GitTrustStore(store: store, origin: "the system CAs")
        guard X509_STORE_set_default_paths(store) == 1 else { return nil }
        return trust
    }

    deinit { X509_STORE_free(store) }

    /// Lends the store to `body`; the pointer is valid only inside it.
    func withUnsafeStore<Result>(_ body: (OpaquePointer) -> Result) -> Result {
        withExtendedLifetime(self) { body(store) }
    }

    /// OpenSSL's queued error messages, oldest first, and an empty queue after.
    static func drainErrors() -> String {
        var messages: [String] = []
        var buffer = [CChar](repeating: 0, count: 256)
        while case let code = ERR_get_error(), code != 0 {
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self))
        }
        return messages.isEmpty ? "no details from OpenSSL" : messages.joined(separator: "; ")
    }
}
