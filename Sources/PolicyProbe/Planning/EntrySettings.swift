import TLSPolicy
import TLSProbe

/// The TLS settings an entry asks of every session, in the probe's terms.
struct EntrySettings: Sendable, Hashable {
    var level: TLSSecurityLevel
    /// `match=` patterns as written (or the level's default); keywords not yet expanded.
    var matchPatterns: [String]
    /// `fingerprint` digests.
    var fingerprints: [String]
    var serverName: String?
    var protocols: TLSProtocolRange
    var cipherGrade: TLSCipherGrade
    var exclusions: [String]

    /// Why an entry's settings cannot be probed (a cipher grade Postfix 3.7 cannot use).
    struct Unusable: Error, CustomStringConvertible {
        var description: String
    }

    init(entry: PolicyEntry) throws {
        guard let level = TLSSecurityLevel(rawValue: entry.level.rawValue) else {
            throw Unusable(description: "level \(entry.level.rawValue) is not known to the probe")
        }
        self.level = level
        let matches = entry.values(of: .match)
        switch entry.level {
        case .fingerprint:
            matchPatterns = []
            fingerprints = matches.flatMap { FingerprintDigest.pieces(of: $0).map(String.init) }
        case .verify, .secure:
            let patterns = matches.flatMap { $0.split(separator: ":").map(String.init) }
            matchPatterns = patterns.isEmpty ? level.defaultMatchNames : patterns
            fingerprints = []
        default:
            matchPatterns = []
            fingerprints = []
        }
        serverName = entry.values(of: .servername).last
        protocols = try ProtocolRangeParser.parse(entry.values(of: .protocols).last)
        if let grade = entry.values(of: .ciphers).last {
            guard let parsed = TLSCipherGrade(rawValue: grade.lowercased()) else {
                throw Unusable(description: "cipher grade \"\(grade)\" has no cipher list in Postfix 3.7")
            }
            cipherGrade = parsed
        } else {
            cipherGrade = .postfixDefault
        }
        exclusions = entry.values(of: .exclude).flatMap { $0.split(whereSeparator: { " ,:".contains($0) }).map(String.init) }
    }

    /// The same settings at another level with other match patterns (for a suggested line).
    func with(level: TLSSecurityLevel, matchPatterns: [String]) -> EntrySettings {
        var copy = self
        copy.level = level
        copy.matchPatterns = matchPatterns
        copy.fingerprints = []
        return copy
    }

    /// The match names Postfix hands to OpenSSL for this MX host: keywords expanded, so
    /// that sessions of different entries with the same effective names can be shared.
    func expandedMatchNames(mxHost: String, nexthop: String) -> [String] {
        let names = MatchNameExpander.expand(matchPatterns.map { $0.lowercased() },
                                             mxHost: mxHost.lowercased(), nexthop: nexthop.lowercased())
        // Only lone dots: Postfix has no usable name and must fail; "." keeps it that way.
        if names.isEmpty && !matchPatterns.isEmpty { return ["."] }
        return names
    }

    /// `servername=` with its keywords expanded.
    func expandedServerName(mxHost: String, nexthop: String) -> String? {
        switch serverName?.lowercased() {
        case "hostname": mxHost
        case "nexthop": nexthop
        default: serverName
        }
    }
}
