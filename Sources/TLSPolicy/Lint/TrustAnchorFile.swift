import Foundation

/// Loads a `tafile=` path as the SMTP client does when it reads the entry: the
/// file must be readable and hold at least one PEM block.
public enum TrustAnchorFile {
    /// Why the file is unusable, or `nil` when Postfix would load it.
    @Sendable
    public static func problem(path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            return "cannot be read on this host"
        }
        let text = String(decoding: data, as: UTF8.self)
        guard text.contains("-----BEGIN "), text.contains("-----END ") else {
            return "holds no PEM certificate or public key"
        }
        return nil
    }
}
