/// The lookup key of a policy entry: the next-hop destination it applies to.
public struct PolicyKey: Sendable, Hashable, CustomStringConvertible {
    /// How the SMTP client can reach a key (POLICY-GRAMMAR.md, section 2).
    public enum Form: String, Sendable, Hashable {
        /// `example.com`: the recipient domain itself.
        case domain
        /// `.example.com`: any sub-domain, never the domain itself.
        case parentDomain
        /// `[mail.example.org]` or `[mail.example.org]:587`: an explicit next-hop from a transport.
        case bracketed
        /// `example.org:2525`: an explicit next-hop with a port.
        case hostWithPort
        /// `"…"`: postmap stores the quotes, so no domain lookup can ever match it.
        case quoted
    }

    /// The key as written in the file.
    public let text: String
    public let form: Form

    /// What postmap stores and the SMTP client looks up: ASCII letters folded to lower case.
    public let folded: String

    public init(text: String) {
        self.text = text
        self.form = PolicyKey.classify(text)
        self.folded = text.utf8.contains(where: ASCII.isUpper)
            ? String(decoding: text.utf8.map(ASCII.lowercased), as: UTF8.self)
            : text
    }

    /// The domain part, without a leading dot, brackets or port (the "nexthop" for name checks).
    public var domain: String {
        var body = Substring(text)
        switch form {
        case .parentDomain: body = body.dropFirst()
        case .bracketed:
            if let close = body.firstIndex(of: "]") { body = body[body.index(after: body.startIndex)..<close] }
        case .hostWithPort:
            if let colon = body.lastIndex(of: ":") { body = body[..<colon] }
        case .domain, .quoted: break
        }
        return String(body)
    }

    public var description: String { text }

    /// Why no next-hop lookup can ever produce this key, or `nil` when one can.
    /// Postfix stores such keys without complaint; the entry then protects nothing.
    public var lookupProblem: String? {
        func hostProblem(_ host: String) -> String? {
            // SMTPUTF8 destinations are looked up in UTF-8: non-ASCII bytes count as letters here.
            let ascii = host.utf8.map { $0 >= 0x80 ? UInt8(ascii: "a") : $0 }
            return HostnameSyntax.problem(in: ascii)
        }
        func portProblem(_ port: Substring) -> String? {
            !port.isEmpty && port.utf8.allSatisfy(ASCII.isDigit) ? nil : "the port is not a number"
        }
        switch form {
        case .quoted:
            return "postmap stores the key with its quotes"
        case .domain, .parentDomain:
            return hostProblem(domain).map { "not a domain name (\($0))" }
        case .hostWithPort:
            guard let colon = text.lastIndex(of: ":") else { return nil }
            return portProblem(text[text.index(after: colon)...]) ?? hostProblem(domain).map { "not a host name (\($0))" }
        case .bracketed:
            guard let close = text.firstIndex(of: "]") else { return "no closing ']'" }
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { return nil }
            guard rest.first == ":" else { return "text after ']' that is not a port" }
            return portProblem(rest.dropFirst())
        }
    }

    /// `lookupProblem` of the key `bytes` spell, without building the key when it is the
    /// common plain or parent-domain name (the linter asks this for every entry).
    static func lookupProblem(ofKeyBytes bytes: ArraySlice<UInt8>) -> String? {
        let first = bytes.first
        if first != UInt8(ascii: "\""), first != UInt8(ascii: "["), !bytes.contains(UInt8(ascii: ":")) {
            let host = first == UInt8(ascii: ".") ? bytes.dropFirst() : bytes
            if HostnameSyntax.problem(in: host.lazy.map { $0 >= 0x80 ? UInt8(ascii: "a") : $0 }) == nil {
                return nil
            }
        }
        return PolicyKey(text: ASCII.string(bytes)).lookupProblem
    }

    private static func classify(_ text: String) -> Form {
        switch text.utf8.first {
        case UInt8(ascii: "\""): return .quoted
        case UInt8(ascii: "["): return .bracketed
        case UInt8(ascii: "."): return .parentDomain
        default: return text.utf8.contains(UInt8(ascii: ":")) ? .hostWithPort : .domain
        }
    }
}
