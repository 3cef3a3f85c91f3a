import Foundation

/// One key line of an OpenSSH known_hosts file:
/// `[@marker] hosts keytype base64-key [comment]`.
struct GitKnownHostsEntry: Sendable, Hashable {
    /// The `@` marker at the start of the line, if any.
    enum Marker: Sendable, Hashable {
        /// `@revoked`: the key must never be accepted.
        case revoked
        /// `@cert-authority`: the key signs host certificates. libssh2 does not
        /// handle host certificates, so such lines never vouch for a host here.
        case certificateAuthority
    }

    /// Which host names the line is for.
    enum Hosts: Sendable, Hashable {
        /// Comma-separated patterns (`*` and `?` wildcards, `!` negation), each
        /// a name or `[name]:port`.
        case patterns([String])
        /// `|1|salt|hash`: HMAC-SHA1 of the name (or `[name]:port`) keyed by salt,
        /// as `ssh-keygen -H` and `HashKnownHosts yes` write it.
        case hashed(salt: [UInt8], hash: [UInt8])
    }

    /// The line's number in its file, from 1.
    let line: Int
    let marker: Marker?
    let hosts: Hosts
    /// The key.
    let key: GitHostKey

    /// True when the line is for `name`: the URL's host, lower-cased, with
    /// `[...]:port` around it for a port other than 22 (how OpenSSH looks it up).
    func matches(_ name: String) -> Bool {
        switch hosts {
        case .hashed(let salt, let hash):
            return OpenSSLDigest.hmacSHA1(key: salt, data: Array(name.utf8)) == hash
        case .patterns(let patterns):
            // OpenSSH's rule: a negated pattern that matches excludes the name,
            // whatever else matches.
            var positive = false
            for pattern in patterns {
                if pattern.hasPrefix("!") {
                    if Self.glob(String(pattern.dropFirst()).lowercased(), matches: name) { return false }
                } else if Self.glob(pattern.lowercased(), matches: name) {
                    positive = true
                }
            }
            return positive
        }
    }

    /// Shell-style matching with `*` (any run) and `?` (one character) only,
    /// as OpenSSH matches host patterns.
    static func glob(_ pattern: String, matches name: String) -> Bool {
        let pattern = Array(pattern.utf8)
        let name = Array(name.utf8)
        var p = 0
        var n = 0
        var star: Int?
        var resume = 0
        while n < name.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                star = p
                resume = n
                p += 1
            } else if p < pattern.count, pattern[p] == UInt8(ascii: "?") || pattern[p] == name[n] {
                p += 1
                n += 1
            } else if let star {
                // Let the last star swallow one more character and try again.
                p = star + 1
                resume += 1
                n = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}
