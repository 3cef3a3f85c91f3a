/// What a remote URL says about how to reach it: which transport, and for the
/// network ones the host and port (the port is what known_hosts lines name).
///
/// Plain `http://` and `git://` are refused: nothing authenticates the server,
/// so anyone on the path could serve any repository.
struct GitRemoteLocation: Sendable, Hashable {
    enum Transport: Sendable, Hashable {
        case https, ssh, file
    }

    let transport: Transport
    /// The host as written, without brackets or user; nil for `file`.
    let host: String?
    /// The port, explicit or the scheme's default; nil for `file`.
    let port: Int?

    /// Reads `url`: `https://`, `ssh://`, the scp-like `[user@]host:path`,
    /// `file://`, or a local path.
    ///
    /// - Throws: ``GitCacheError/refusedURL(url:reason:)``.
    init(parsing url: String) throws(GitCacheError) {
        let lowered = url.lowercased()
        if lowered.hasPrefix("https://") {
            try self.init(network: .https, url: url, authority: Self.authority(of: url, after: "https://"), defaultPort: 443)
        } else if lowered.hasPrefix("ssh://") {
            try self.init(network: .ssh, url: url, authority: Self.authority(of: url, after: "ssh://"), defaultPort: 22)
        } else if lowered.hasPrefix("file://") {
            self.init(transport: .file, host: nil, port: nil)
        } else if let scheme = lowered.range(of: "://") {
            let name = String(lowered[..<scheme.lowerBound])
            let why = name == "http" || name == "git"
                ? "plain \(name):// does not authenticate the server; use https://, ssh:// or file://"
                : "unsupported scheme \(name)://; use https://, ssh:// or file://"
            throw .refusedURL(url: url, reason: why)
        } else if let colon = url.firstIndex(of: ":"), !url.hasPrefix("/"), !url.hasPrefix("."),
                  !url[..<colon].contains("/") {
            // scp-like syntax, as git reads it: [user@]host:path, port 22.
            let authority = String(url[..<colon])
            try self.init(network: .ssh, url: url, authority: authority, defaultPort: 22)
            guard port == 22 else { throw .refusedURL(url: url, reason: "the scp-like form has no port; use ssh://host:port/path") }
        } else {
            self.init(transport: .file, host: nil, port: nil)
        }
    }

    private init(transport: Transport, host: String?, port: Int?) {
        self.transport = transport
        self.host = host
        self.port = port
    }

    /// `[user@]host[:port]` or `[user@][v6]:port` parsed into host and port.
    private init(network transport: Transport, url: String, authority: String, defaultPort: Int) throws(GitCacheError) {
        var hostPort = Substring(authority)
        if let at = hostPort.lastIndex(of: "@") { hostPort = hostPort[hostPort.index(after: at)...] }
        var host: Substring
        var portText: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else {
                throw .refusedURL(url: url, reason: "unclosed '[' in the host")
            }
            host = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            let rest = hostPort[hostPort.index(after: close)...]
            if rest.hasPrefix(":") { portText = rest.dropFirst() } else if !rest.isEmpty {
                throw .refusedURL(url: url, reason: "unexpected '\(rest)' after the host")
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = hostPort[..<colon]
            portText = hostPort[hostPort.index(after: colon)...]
        } else {
            host = hostPort
        }
        guard !host.isEmpty else { throw .refusedURL(url: url, reason: "no host") }
        var port = defaultPort
        if let portText, !portText.isEmpty {
            guard let number = Int(portText), (1...65_535).contains(number) else {
                throw .refusedURL(url: url, reason: "'\(portText)' is not a port")
            }
            port = number
        }
        self.init(transport: transport, host: String(host), port: port)
    }

    /// The text between `scheme` and the first `/` after it.
    private static func authority(of url: String, after scheme: String) -> String {
        let rest = url.dropFirst(scheme.count)
        return String(rest.prefix { $0 != "/" })
    }
}
