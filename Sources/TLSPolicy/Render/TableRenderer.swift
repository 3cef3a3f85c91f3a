/// Renders the dataset as the one table a mail host installs.
///
/// Output is byte-for-byte deterministic for the same files and commit: entries
/// sorted by key, no timestamps.
public struct TableRenderer: Sendable {
    /// Which variant of the table to write.
    public enum Variant: String, Sendable {
        /// Every entry as written (its PKIX or encrypt policy): safe on any host.
        case pkix
        /// Entries annotated `#@ dane` become `dane-only`: only for hosts with
        /// `smtp_dns_support_level = dnssec` and a DNSSEC-validating resolver.
        case dane
    }

    public var variant: Variant
    /// The commit the dataset was read from, named in the header.
    public var sourceCommit: String?

    public init(variant: Variant, sourceCommit: String?) {
        self.variant = variant
        self.sourceCommit = sourceCommit
    }

    /// One rendered entry.
    public struct Line: Sendable, Equatable {
        public var key: String
        public var value: String
    }

    /// The entries of the table in output order.
    public func lines(of files: [PolicyFile]) -> [Line] {
        var lines: [Line] = []
        for file in files {
            for block in file.blocks {
                guard let entry = block.record.entry else { continue }
                let dane = variant == .dane && block.annotations.known.contains(.dane)
                lines.append(Line(key: entry.key.folded, value: dane ? SecurityLevel.daneOnly.rawValue : entry.valueText))
            }
        }
        lines.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        return lines
    }

    /// The table text, with a header saying what it is and where it came from.
    public func render(_ files: [PolicyFile]) -> String {
        let lines = lines(of: files)
        var out = "# Postfix TLS policy table for smtp_tls_policy_maps, rendered by tls-policy-validator.\n"
        out += "# Source commit: \(sourceCommit ?? "none (not rendered from a git checkout)")\n"
        out += "# Variant: \(variant.rawValue)"
        out += variant == .dane
            ? " (needs smtp_dns_support_level = dnssec and a DNSSEC-validating resolver)\n"
            : " (safe without DNSSEC)\n"
        out += "# Entries: \(lines.count)\n"
        for line in lines {
            out += "\(line.key) \(line.value)\n"
        }
        return out
    }
}
