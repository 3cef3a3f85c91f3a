/// One resource record the lab's DNS server answers with.
public enum DNSRecord: Sendable, Hashable {
    /// `domain MX preference host`.
    case mx(domain: String, host: String, preference: Int = 10)
    /// `name A address`.
    case a(name: String, address: String)
    /// An A record for `domain` and every name below it.
    case wildcardA(domain: String, address: String)
    /// `_port._tcp.host TLSA usage selector matchingType data` (answered by DNSSEC servers only;
    /// here for the later unbound variant, which signs its zone).
    case tlsa(name: String, usage: Int, selector: Int, matchingType: Int, data: String)

    /// Checks that a name is safe to put in a server configuration line: DNS name
    /// characters only, so that no record can inject another configuration directive.
    static func validateName(_ name: String) throws {
        guard !name.isEmpty, name.count <= 255,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_") }) else {
            throw LabError.invalidArgument("not a usable DNS name: \(name)")
        }
    }
}
