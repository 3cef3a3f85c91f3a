import TLSProbe

/// How a probe run reaches servers, what it trusts, and its bounds.
public struct ProbeConfiguration: Sendable {
    /// The DNS server, `ADDR[:PORT]`; nil uses the system's (`/etc/resolv.conf`).
    public var resolver: String?
    /// SMTP port for keys without one (25; labs use others).
    public var port: Int
    /// PEM file of trusted CAs (`smtp_tls_CAfile`), also used for MTA-STS.
    public var caFile: String?
    /// Hashed CA directory (`smtp_tls_CApath`), also used for MTA-STS.
    public var caPath: String?
    /// libcurl `CONNECT_TO` entries for MTA-STS fetches (labs and tests).
    public var mtaSTSConnectTo: [String]
    /// Blocking calls (DNS, SMTP/TLS, HTTPS) in flight at once.
    public var concurrency: Int
    /// Sessions at once to one address.
    public var perAddressLimit: Int
    /// Seconds for the whole run; addresses not probed by then count as unreachable.
    public var deadline: Double
    /// Per-step bounds of each session.
    public var timeouts: ProbeTimeouts
    /// Seconds per DNS try, and tries.
    public var dnsTimeoutSeconds: Int
    public var dnsTries: Int
    /// Name sent with EHLO.
    public var heloName: String
    /// Look for `_mta-sts` TXT records and fetch policies.
    public var checkMTASTS: Bool
    /// Seconds for one MTA-STS policy fetch, connection to last byte (RFC 8461 3.3 asks
    /// senders to bound it).
    public var mtaSTSTimeout: Double
    /// Whether the SMTP client being modelled believes the resolver's AD bit, as Postfix
    /// does only with `smtp_dns_support_level = dnssec`. False: every MX and address
    /// answer counts as unvalidated, so `dane` acts as `may` and `dane-only` defers.
    public var trustsDNSSEC = true

    /// A configuration; the defaults suit a production run.
    public init(resolver: String? = nil, port: Int = 25, caFile: String? = nil, caPath: String? = nil,
                mtaSTSConnectTo: [String] = [], concurrency: Int = 64, perAddressLimit: Int = 2, deadline: Double = 900,
                timeouts: ProbeTimeouts = ProbeTimeouts(connect: 10, banner: 30, ehlo: 30, starttls: 30, handshake: 30, overall: 120),
                dnsTimeoutSeconds: Int = 5, dnsTries: Int = 2, heloName: String = "probe.invalid", checkMTASTS: Bool = true,
                mtaSTSTimeout: Double = 30) {
        self.resolver = resolver
        self.port = port
        self.caFile = caFile
        self.caPath = caPath
        self.mtaSTSConnectTo = mtaSTSConnectTo
        self.concurrency = concurrency
        self.perAddressLimit = perAddressLimit
        self.deadline = deadline
        self.timeouts = timeouts
        self.dnsTimeoutSeconds = dnsTimeoutSeconds
        self.dnsTries = dnsTries
        self.heloName = heloName
        self.checkMTASTS = checkMTASTS
        self.mtaSTSTimeout = mtaSTSTimeout
    }

    /// Sets every SMTP step's bound to `seconds` (connect at most 10 s) and the session's to
    /// five steps; an MTA-STS fetch, one step of its own, gets `seconds` too (at most 30).
    public mutating func setStepTimeout(_ seconds: Double) {
        timeouts = ProbeTimeouts(connect: min(10, seconds), banner: seconds, ehlo: seconds, starttls: seconds,
                                 handshake: seconds, overall: seconds * 5)
        mtaSTSTimeout = min(30, seconds)
    }
}
