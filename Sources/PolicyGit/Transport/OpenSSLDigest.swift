internal import COpenSSL

/// The two digests the known-hosts check needs, from OpenSSL's libcrypto
/// (the library libgit2's HTTPS transport already loads).
enum OpenSSLDigest {
    /// SHA-256 of `data`, as OpenSSH fingerprints a key.
    static func sha256(_ data: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let status = data.withUnsafeBytes { bytes in
            EVP_Digest(bytes.baseAddress, bytes.count, &digest, &length, EVP_sha256(), nil)
        }
        // EVP_Digest fails only when OpenSSL cannot allocate: an empty digest then
        // matches no key and prints as such, which refuses rather than trusts.
        return status == 1 ? Array(digest.prefix(Int(length))) : []
    }

    /// HMAC-SHA1 of `data` under `key`, as OpenSSH hashes host names
    /// (`|1|salt|hash` in known_hosts). Empty if OpenSSL fails.
    static func hmacSHA1(key: [UInt8], data: [UInt8]) -> [UInt8] {
        var mac = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length = 0
        let result = key.withUnsafeBytes { keyBytes in
            data.withUnsafeBytes { dataBytes in
                EVP_Q_mac(nil, "HMAC", nil, "SHA1", nil, keyBytes.baseAddress, keyBytes.count,
                          dataBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), dataBytes.count,
                          &mac, mac.count, &length)
            }
        }
        return result == nil ? [] : Array(mac.prefix(length))
    }
}
