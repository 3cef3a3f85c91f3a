import TLSProbe

/// Turns a `protocols=` value into the version range Postfix's `tls_proto_mask_lims`
/// derives: `>=`/`<=` bounds, `!` exclusions, or a list of included versions; the range
/// spans the allowed versions (holes in the middle are not representable, as in Postfix).
enum ProtocolRangeParser {
    static func parse(_ value: String?) throws -> TLSProtocolRange {
        guard let value, !value.isEmpty else { return .postfixDefault }
        var allowed = Set(TLSProtocolVersion.allCases)
        var included: Set<TLSProtocolVersion> = []
        var minimum: TLSProtocolVersion?
        var maximum: TLSProtocolVersion?
        for token in value.split(whereSeparator: { " ,:\t".contains($0) }) {
            var name = Substring(token)
            var kind: Character = "="
            if name.hasPrefix(">=") || name.hasPrefix("<=") {
                kind = name.first == ">" ? ">" : "<"
                name = name.dropFirst(2)
            } else if name.hasPrefix("!") {
                kind = "!"
                name = name.dropFirst()
            }
            // SSLv2/SSLv3 are not negotiable with OpenSSL 3: excluding them changes nothing.
            if name.caseInsensitiveCompare("SSLv2") == .orderedSame || name.caseInsensitiveCompare("SSLv3") == .orderedSame {
                continue
            }
            guard let version = TLSProtocolVersion.allCases.first(where: { $0.description.caseInsensitiveCompare(name) == .orderedSame }) else {
                throw EntrySettings.Unusable(description: "protocols=\(value): unknown protocol \"\(name)\"")
            }
            switch kind {
            case ">": minimum = version
            case "<": maximum = version
            case "!": allowed.remove(version)
            default: included.insert(version)
            }
        }
        if !included.isEmpty { allowed.formIntersection(included) }
        if let minimum { allowed = allowed.filter { $0 >= minimum } }
        if let maximum { allowed = allowed.filter { $0 <= maximum } }
        guard let low = allowed.min(), let high = allowed.max() else {
            throw EntrySettings.Unusable(description: "protocols=\(value) leaves no TLS version")
        }
        return TLSProtocolRange(minimum: low, maximum: high)
    }
}
