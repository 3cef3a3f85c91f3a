import PolicyDNS
/// One SMTP + STARTTLS session to make: where to connect and the policy level's settings,
/// already parsed (this module does no Postfix table parsing).
public struct ProbeRequest: Sendable, Hashable, Codable {
    /// The MX host's address: IPv4 dotted quad or IPv6 text (no brackets).
    public var address: String
    /// TCP port (25 in production; labs use others).
    public var port: Int
    /// The MX host name (Postfix's `hostname` match keyword and default SNI at DANE levels).
    public var mxHost: String
    /// The next-hop domain (the policy key's domain; `nexthop` and `dot-nexthop`).
    public var nexthop: String
    /// The level to judge the session at.
    public var level: TLSSecurityLevel
    /// `match=` names as the entry lists them (keywords `hostname`, `nexthop`, `dot-nexthop`,
    /// DNS names, `.parent` forms); empty means the level's default. Ignored at `dane`
    /// levels with usable TLSA records, where Postfix matches the MX host name.
    public var matchNames: [String]
    /// Certificate or public-key digests for the `fingerprint` level, hex with or without colons.
    public var fingerprints: [String]
    /// TLSA records for `dane`/`dane-only` (DNSSEC-validated ones only: the caller checks the AD bit).
    public var tlsaRecords: [TLSARecord]
    /// `servername=` (a name, `hostname` or `nexthop`); nil sends no SNI, as Postfix does by default.
    public var serverName: String?
    /// Allowed protocol versions.
    public var protocols: TLSProtocolRange
    /// Cipher grade.
    public var cipherGrade: TLSCipherGrade
    /// `exclude=` cipher names appended as `:!NAME`.
    public var cipherExclusions: [String]
    /// PEM file of trusted CAs (`smtp_tls_CAfile`); with `caPath` nil and this nil, OpenSSL's default paths.
    public var caFile: String?
    /// Hashed directory of trusted CAs (`smtp_tls_CApath`).
    public var caPath: String?
    /// The name sent with EHLO.
    public var heloName: String
    /// Step and session bounds.
    public var timeouts: ProbeTimeouts
    /// Reply size bounds.
    public var limits: ProbeLimits

    /// A request; only the address, port, names and level are required.
    public init(address: String, port: Int = 25, mxHost: String, nexthop: String, level: TLSSecurityLevel,
                matchNames: [String] = [], fingerprints: [String] = [], tlsaRecords: [TLSARecord] = [],
                serverName: String? = nil, protocols: TLSProtocolRange = .postfixDefault,
                cipherGrade: TLSCipherGrade = .postfixDefault, cipherExclusions: [String] = [],
                caFile: String? = nil, caPath: String? = nil, heloName: String = "probe.invalid",
                timeouts: ProbeTimeouts = ProbeTimeouts(), limits: ProbeLimits = ProbeLimits()) {
        self.address = address
        self.port = port
        self.mxHost = mxHost
        self.nexthop = nexthop
        self.level = level
        self.matchNames = matchNames
        self.fingerprints = fingerprints
        self.tlsaRecords = tlsaRecords
        self.serverName = serverName
        self.protocols = protocols
        self.cipherGrade = cipherGrade
        self.cipherExclusions = cipherExclusions
        self.caFile = caFile
        self.caPath = caPath
        self.heloName = heloName
        self.timeouts = timeouts
        self.limits = limits
    }

    /// `host[address]:port`, the way Postfix names a peer in its logs.
    public var peerName: String {
        "\(mxHost)[\(address)]:\(port)"
    }
}
