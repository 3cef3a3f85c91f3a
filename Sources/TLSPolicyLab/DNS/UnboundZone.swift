/// One zone that ``UnboundServer`` serves, and how it is (or is not) signed.
public struct UnboundZone: Sendable {
    /// How the zone's answers validate behind the resolver.
    public enum Security: Sendable, Hashable {
        /// Signed, its KSK a trust anchor: answers carry the AD bit.
        case signed
        /// Not signed and under no trust anchor: answers come without the AD bit.
        case unsigned
        /// Signed with signatures that expired long ago, its KSK a trust anchor: the
        /// resolver finds every answer bogus and says SERVFAIL.
        case bogus
    }

    /// The zone apex, without the trailing dot (for example `signed.test`).
    public let origin: String
    /// The records; every owner name must be the origin or below it.
    public let records: [DNSRecord]
    /// Signed, unsigned or bogus.
    public let security: Security

    /// A zone; ``UnboundServer`` checks the names when it writes the zone file.
    public init(origin: String, records: [DNSRecord], security: Security) {
        self.origin = origin.hasSuffix(".") ? String(origin.dropLast()) : origin
        self.records = records
        self.security = security
    }

    /// The zone in master-file form: SOA, NS (`ns.ORIGIN`, 127.0.0.1), then the records.
    public func zoneFileText() throws -> String {
        try DNSRecord.validateName(origin)
        var lines = [
            "$TTL 300",
            "\(origin). IN SOA ns.\(origin). hostmaster.\(origin). 1 3600 600 86400 300",
            "\(origin). IN NS ns.\(origin).",
            "ns.\(origin). IN A 127.0.0.1",
        ]
        for record in records {
            let owner = record.ownerName.lowercased()
            guard owner == origin.lowercased() || owner.hasSuffix("." + origin.lowercased()) else {
                throw LabError.invalidArgument("record owner \(record.ownerName) is outside zone \(origin)")
            }
            try record.validate()
            switch record {
            case .mx(let domain, let host, let preference):
                guard (0...65_535).contains(preference) else { throw LabError.invalidArgument("MX preference \(preference)") }
                lines.append("\(domain). IN MX \(preference) \(host).")
            case .nullMX(let domain):
                lines.append("\(domain). IN MX 0 .")
            case .a(let name, let address):
                lines.append("\(name). IN A \(address)")
            case .aaaa(let name, let address):
                lines.append("\(name). IN AAAA \(address)")
            case .wildcardA(let domain, let address):
                lines.append("\(domain). IN A \(address)")
                lines.append("*.\(domain). IN A \(address)")
            case .tlsa(let name, let usage, let selector, let matchingType, let data):
                lines.append("\(name). IN TLSA \(usage) \(selector) \(matchingType) \(data)")
            case .txt(let name, let strings):
                lines.append("\(name). IN TXT " + strings.map { "\"\($0)\"" }.joined(separator: " "))
            case .cname(let name, let target):
                lines.append("\(name). IN CNAME \(target).")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
