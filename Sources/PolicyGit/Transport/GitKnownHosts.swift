import Foundation

/// An OpenSSH known_hosts file: the SSH host keys a fetch accepts.
///
/// Read as OpenSSH writes it (`ssh-keyscan`, `ssh-keygen -H`): plain and
/// hashed (`|1|salt|hash`) host fields, `[host]:port` for ports other than 22,
/// `*`/`?` wildcards and `!` negation, `@revoked` lines, comments. A line
/// that cannot be read is an error naming its line, not skipped: a key the
/// operator meant to trust must not be silently ignored. `@cert-authority`
/// lines are read but vouch for nothing (libssh2 has no host certificates).
struct GitKnownHosts: Sendable {
    /// The file the entries came from, for messages.
    let path: String
    let entries: [GitKnownHostsEntry]

    /// Reads and parses the file at `path`.
    ///
    /// - Throws: ``GitCacheError/invalidSetting(path:line:reason:)``.
    init(contentsOf path: String) throws(GitCacheError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidSetting(path: path, line: nil, reason: "cannot read the known-hosts file")
        }
        try self.init(parsing: String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses known_hosts text; `path` names it in errors.
    init(parsing text: String, path: String) throws(GitCacheError) {
        self.path = path
        var entries: [GitKnownHostsEntry] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            entries.append(try Self.entry(line, number: index + 1, path: path))
        }
        self.entries = entries
    }

    /// What the file says about `key` presented by `host` on `port`.
    func verdict(host: String, port: Int, key: GitHostKey) -> GitHostKeyVerdict {
        let name = Self.lookupName(host: host, port: port)
        let forHost = entries.filter { $0.matches(name) }
        if let revoked = forHost.first(where: { $0.marker == .revoked && $0.key == key }) {
            return .revoked(line: revoked.line)
        }
        let listed = forHost.filter { $0.marker == nil }
        if let match = listed.first(where: { $0.key == key }) {
            return .trusted(line: match.line)
        }
        return listed.isEmpty ? .unknown : .changed(listed: listed)
    }

    /// The name OpenSSH looks a host up by: lower-cased, and `[host]:port`
    /// unless the port is 22.
    static func lookupName(host: String, port: Int) -> String {
        port == 22 ? host.lowercased() : "[\(host.lowercased())]:\(port)"
    }

    private static func entry(_ line: String, number: Int, path: String) throws(GitCacheError) -> GitKnownHostsEntry {
        var fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var marker: GitKnownHostsEntry.Marker?
        if let first = fields.first, first.hasPrefix("@") {
            switch first {
            case "@revoked": marker = .revoked
            case "@cert-authority": marker = .certificateAuthority
            default: throw .invalidSetting(path: path, line: number, reason: "unknown marker '\(first)'")
            }
            fields.removeFirst()
        }
        guard fields.count >= 3 else {
            throw .invalidSetting(path: path, line: number, reason: "expected 'hosts key-type base64-key', found \(fields.count) field(s)")
        }
        let hosts = try self.hosts(fields[0], number: number, path: path)
        guard let decoded = Data(base64Encoded: fields[2]), !decoded.isEmpty else {
            throw .invalidSetting(path: path, line: number, reason: "the key is not base64")
        }
        let key = GitHostKey(blob: Array(decoded))
        guard key.typeName == fields[1] else {
            throw .invalidSetting(path: path, line: number,
                                  reason: "the key is of type '\(key.typeName ?? "unknown")', the line says '\(fields[1])'")
        }
        return GitKnownHostsEntry(line: number, marker: marker, hosts: hosts, key: key)
    }

    private static func hosts(_ field: String, number: Int, path: String) throws(GitCacheError) -> GitKnownHostsEntry.Hosts {
        guard field.hasPrefix("|") else {
            let patterns = field.split(separator: ",").map(String.init)
            guard !patterns.isEmpty, patterns.allSatisfy({ !$0.isEmpty && $0 != "!" }) else {
                throw .invalidSetting(path: path, line: number, reason: "empty host pattern in '\(field)'")
            }
            return .patterns(patterns)
        }
        // "|1|" base64(salt) "|" base64(hash); 1 is the only hash type OpenSSH has.
        let parts = field.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].isEmpty, parts[1] == "1",
              let salt = Data(base64Encoded: String(parts[2])), let hash = Data(base64Encoded: String(parts[3])),
              salt.count == 20, hash.count == 20 else {
            throw .invalidSetting(path: path, line: number, reason: "malformed hashed host name '\(field)' (expected |1|salt|hash)")
        }
        return .hashed(salt: Array(salt), hash: Array(hash))
    }
}
