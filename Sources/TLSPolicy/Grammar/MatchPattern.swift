/// A `match=` pattern at the `verify` and `secure` levels (POLICY-GRAMMAR.md, section 4).
public enum MatchPattern: Sendable, Hashable, CustomStringConvertible {
    /// `nexthop`: the next-hop domain itself must be a certificate name.
    case nexthop
    /// `dot-nexthop`: any sub-domain of the next-hop domain.
    case dotNexthop
    /// `hostname`: the MX host name (trustworthy only when the MX lookup was DNSSEC-validated).
    case hostname
    /// `.example.com`: any sub-domain of the suffix, never the suffix itself.
    case subdomains(of: String)
    /// `mail.example.com`: exactly that name.
    case exact(String)
    /// A lone `.`, which Postfix skips with a warning.
    case loneDot

    /// Classifies one pattern; keywords are case-insensitive.
    public init(_ text: String) {
        let bytes = text.utf8
        if ASCII.equalsIgnoringCase(bytes, "nexthop") {
            self = .nexthop
        } else if ASCII.equalsIgnoringCase(bytes, "dot-nexthop") {
            self = .dotNexthop
        } else if ASCII.equalsIgnoringCase(bytes, "hostname") {
            self = .hostname
        } else if text == "." {
            self = .loneDot
        } else if bytes.first == UInt8(ascii: ".") {
            self = .subdomains(of: String(text.dropFirst()))
        } else {
            self = .exact(text)
        }
    }

    public var description: String {
        switch self {
        case .nexthop: "nexthop"
        case .dotNexthop: "dot-nexthop"
        case .hostname: "hostname"
        case .subdomains(let suffix): ".\(suffix)"
        case .exact(let name): name
        case .loneDot: "."
        }
    }

    /// Whether Postfix hands this pattern to OpenSSL at all.
    public var isUsable: Bool { self != .loneDot }
}
