internal import COpenSSL

/// SHA-256 through OpenSSL's EVP interface.
public enum SHA256Digest {
    /// The SHA-256 of `bytes` as lower-case hex.
    public static func hex(of bytes: [UInt8]) throws(DeployError) -> String {
        guard let context = EVP_MD_CTX_new() else { throw .digestFailed("EVP_MD_CTX_new returned NULL") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            throw .digestFailed("EVP_DigestInit_ex failed")
        }
        let updated = bytes.withUnsafeBytes { buffer in
            EVP_DigestUpdate(context, buffer.baseAddress, buffer.count) == 1
        }
        guard updated else { throw .digestFailed("EVP_DigestUpdate failed") }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &digest, &length) == 1 else {
            throw .digestFailed("EVP_DigestFinal_ex failed")
        }
        let hexDigits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(Int(length) * 2)
        for byte in digest.prefix(Int(length)) {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
