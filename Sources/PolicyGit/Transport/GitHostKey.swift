internal import CGit2
import Foundation

/// An SSH server's host key as the server presented it: the public key blob
/// in SSH wire format (what a known_hosts line holds in base64).
struct GitHostKey: Sendable, Hashable {
    /// The key blob: `string type, ...` in SSH wire format.
    let blob: [UInt8]

    init(blob: [UInt8]) {
        self.blob = blob
    }

    /// The key libgit2 got from libssh2; nil when libgit2 did not pass the raw key.
    init?(_ certificate: UnsafePointer<git_cert_hostkey>) {
        let key = certificate.pointee
        guard key.type.rawValue & GIT_CERT_SSH_RAW.rawValue != 0, let raw = key.hostkey, key.hostkey_len > 0 else { return nil }
        blob = Array(UnsafeRawBufferPointer(start: raw, count: key.hostkey_len))
    }

    /// The key type named inside the blob (`ssh-ed25519`, `ecdsa-sha2-nistp256`,
    /// `ssh-rsa`, ...), or nil when the blob does not start with one.
    var typeName: String? {
        Self.typeName(of: blob)
    }

    /// The OpenSSH fingerprint, `SHA256:` and the unpadded base64 of the
    /// blob's SHA-256, as `ssh-keygen -l` and ssh's warnings print it.
    var fingerprint: String {
        "SHA256:" + Data(OpenSSLDigest.sha256(blob)).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    /// The type and fingerprint, for messages: `ssh-ed25519 SHA256:...`.
    var summary: String {
        "\(typeName ?? "unknown-type") \(fingerprint)"
    }

    /// The first field of an SSH wire-format key blob: a 4-byte big-endian
    /// length and that many bytes of type name.
    static func typeName(of blob: [UInt8]) -> String? {
        guard blob.count >= 4 else { return nil }
        let length = blob.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        guard length > 0, length <= 64, blob.count >= 4 + length else { return nil }
        let name = blob[4..<(4 + length)]
        guard name.allSatisfy({ (0x21...0x7E).contains($0) }) else { return nil }
        return String(decoding: name, as: UTF8.self)
    }
}
