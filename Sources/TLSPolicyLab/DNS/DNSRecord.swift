/// One resource record the lab's DNS server answers with.
public enum DNSRecord: Sendable, Hashable {
    /// `domain MX preference host`.
    case mx(domain: String, host: String, preference: Int = 10)
    /// `domain MX 0 .`: a null MX (RFC 7505), "this domain accepts no mail".
    case nullMX(domain: String)
    /// `name A address`.
    case a(name: String, address: String)
    /// `name AAAA address`.
    case aaaa(name: String, address: String)
    /// An A record for `domain` and every name below it.
    case wildcardA(domain: String, address: String)
    /// `_port._tcp.host TLSA usage selector matchingType data` (`data` in hex). Served with
    /// DNSSEC by ``UnboundServer`` and plainly (no AD bit) by ``DnsmasqServer``.
    case tlsa(name: String, usage: Int, selector: Int, matchingType: Int, data: String)
    /// `name TXT "string" "string" ...`: one record of one or more character-strings.
    case txt(name: String, strings: [String])
    /// `name CNAME target`.
    case cname(name: String, target: String)

    /// The record's owner name.
    public var ownerName: String {
        switch self {
        case .mx(let domain, _, _), .nullMX(let domain), .wildcardA(let domain, _): return domain
        case .a(let name, _), .aaaa(let name, _), .tlsa(let name, _, _, _, _), .txt(let name, _), .cname(let name, _): return name
        }
    }

    /// Checks every field of the record (names, address, TLSA and TXT data), so that each
    /// server kind can write it into its configuration as it is.
    func validate() throws {
        switch self {
        case .mx(let name, let target, _), .cname(let name, let target):
            try Self.validateName(name)
            try Self.validateName(target)
        case .a(let name, let address), .wildcardA(let name, let address):
            try Self.validateName(name)
            try Self.validateName(address)
        case .nullMX(let domain):
            try Self.validateName(domain)
        case .aaaa(let name, let address):
            try Self.validateName(name)
            try Self.validateIPv6(address)
        case .tlsa(let name, let usage, let selector, let matchingType, let data):
            try Self.validateName(name)
            try Self.validateTLSA(usage: usage, selector: selector, matchingType: matchingType, data: data)
        case .txt(let name, let strings):
            try Self.validateName(name)
            try strings.forEach(Self.validateText)
        }
    }

    /// Checks that a name is safe to put in a server configuration line: DNS name
    /// characters only, so that no record can inject another configuration directive.
    static func validateName(_ name: String) throws {
        guard !name.isEmpty, name.count <= 255,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_") }) else {
            throw LabError.invalidArgument("not a usable DNS name: \(name)")
        }
    }

    /// Checks an IPv6 address's characters (hex digits, colons, dots for a mapped IPv4 tail).
    static func validateIPv6(_ address: String) throws {
        guard address.contains(":"), address.count <= 45,
              address.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
            throw LabError.invalidArgument("not an IPv6 address: \(address)")
        }
    }

    /// Checks TLSA fields: each number a byte, the data an even number of hex digits.
    static func validateTLSA(usage: Int, selector: Int, matchingType: Int, data: String) throws {
        guard [usage, selector, matchingType].allSatisfy({ (0...255).contains($0) }),
              !data.isEmpty, data.count % 2 == 0, data.allSatisfy(\.isHexDigit) else {
            throw LabError.invalidArgument("not a TLSA record: \(usage) \(selector) \(matchingType) \(data)")
        }
    }

    /// Checks a TXT character-string: at most 255 bytes of printable ASCII without quotes
    /// or backslashes, so it needs no escaping in either server's configuration.
    static func validateText(_ text: String) throws {
        guard text.utf8.count <= 255, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) else {
            throw LabError.invalidArgument("TXT string must be up to 255 printable ASCII characters without quotes or backslashes: \(text)")
        }
    }
}
