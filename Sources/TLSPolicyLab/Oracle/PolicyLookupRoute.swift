/// How the oracle makes Postfix's SMTP client look up one stored key, as in production.
public enum PolicyLookupRoute: Sendable, Equatable {
    /// Send to a recipient in `domain`: the client looks up the domain (then its parents).
    case recipientDomain(String)
    /// Route a recipient through `transport_maps` to `smtp:NEXTHOP`: the client looks up the
    /// next-hop exactly (`[host]`, `[host]:port`, `host:port`), with no parent lookups.
    /// `host` is resolved through the lab DNS (or is a loopback address), `port` gets a listener.
    case transport(nexthop: String, host: String, isAddressLiteral: Bool, usesMX: Bool, port: Int)
    /// No mail in the lab can make the client look this key up.
    case unreachable(String)

    /// Works out the route for a key as postmap stored it (folded to lower case).
    ///
    /// - Parameter isStored: tells whether another key is stored, so that a parent key's
    ///   probe sub-domain is not itself a stored key (that one would be found first).
    public static func route(forStoredKey key: String, isStored: (String) -> Bool) -> PolicyLookupRoute {
        if key.hasPrefix("\"") {
            return .unreachable("quoted key: postmap keeps the quotes, and the SMTP client never looks up a quoted form")
        }
        if key.hasPrefix("[") {
            guard let close = key.firstIndex(of: "]") else { return .unreachable("'[' without ']'") }
            let host = String(key[key.index(after: key.startIndex)..<close])
            let rest = key[key.index(after: close)...]
            var port = 25
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let number = Int(rest.dropFirst()), (1...65_535).contains(number),
                      rest.dropFirst().allSatisfy(\.isNumber) else {
                    return .unreachable("text after ']' is not ':PORT'")
                }
                port = number
            }
            if SMTPEndpoint.isLoopbackIPv4(host) {
                return .transport(nexthop: key, host: host, isAddressLiteral: true, usesMX: false, port: port)
            }
            if host.allSatisfy({ $0.isNumber || $0 == "." }) || host.contains(":") {
                return .unreachable("address literal outside 127.0.0.0/8: the lab never connects to it")
            }
            guard isHostname(host) else { return .unreachable("not a hostname inside brackets: \(host)") }
            return .transport(nexthop: key, host: host, isAddressLiteral: false, usesMX: false, port: port)
        }
        if let colon = key.lastIndex(of: ":") {
            let host = String(key[..<colon])
            let portText = key[key.index(after: colon)...]
            guard let port = Int(portText), (1...65_535).contains(port), portText.allSatisfy(\.isNumber), isHostname(host) else {
                return .unreachable("not HOST:PORT with a hostname and a numeric port")
            }
            return .transport(nexthop: key, host: host, isAddressLiteral: false, usesMX: true, port: port)
        }
        if key.hasPrefix(".") {
            let parent = String(key.dropFirst())
            guard isHostname(parent) else { return .unreachable("parent form of something that is not a hostname") }
            var label = "oracle-probe"
            var attempt = 0
            while isStored("\(label).\(parent)") && attempt < 100 {
                attempt += 1
                label = "oracle-probe\(attempt)"
            }
            return .recipientDomain("\(label).\(parent)")
        }
        guard isHostname(key) else {
            return .unreachable("not a hostname, so never a recipient domain the client would look up")
        }
        return .recipientDomain(key)
    }

    /// Lower-case ASCII letters, digits, '-' and '_' in non-empty dot-separated labels.
    static func isHostname(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.count <= 63
                && label.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }
        }
    }
}
