/// One MX host of an entry: its DNS facts and a session per address.
public struct MXHostReport: Sendable, Hashable, Codable {
    /// The host name.
    public var host: String
    /// MX preference; nil for an implicit MX or a bracketed key.
    public var preference: Int?
    /// True when the answer that named this host (MX, or the address for a bracketed key)
    /// was DNSSEC-validated.
    public var dnssecValidated: Bool
    /// TLSA evidence.
    public var tlsa: TLSAEvidence
    /// Why no address was found (a DNS error, no A/AAAA records).
    public var addressError: String?
    /// A session per address, in DNS order (IPv4 first).
    public var addresses: [AddressProbeReport]
}

extension MXHostReport {
    /// True when every address that answered presented a certificate whose names cover this
    /// host's own name: what Postfix checks at `verify` by default (`match=hostname`) and logs
    /// as `Verified`. A trusted certificate for some other name is not enough.
    public var certificatesNameHost: Bool {
        let answered = addresses.filter(\.reachable)
        return !answered.isEmpty && answered.allSatisfy { address in
            address.certificateNames.contains { NamePatterns.covers(host, $0) }
        }
    }
}
