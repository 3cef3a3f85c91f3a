/// The first word of Postfix's `... TLS connection established to ...` line: what the SMTP
/// client could say about the server's certificate (`tls_client.c`, logged at
/// `smtp_tls_loglevel = 1` and above).
public enum TLSTrust: String, Sendable, Hashable, CaseIterable, Comparable {
    /// No certificate (anonymous cipher).
    case anonymous = "Anonymous"
    /// A certificate whose chain does not lead to a trusted CA (self-signed, unknown CA).
    case untrusted = "Untrusted"
    /// A trusted chain, but the name does not match what the policy asked for.
    case trusted = "Trusted"
    /// A trusted chain and a matching name (or DANE/fingerprint match).
    case verified = "Verified"

    private var rank: Int {
        switch self {
        case .anonymous: 0
        case .untrusted: 1
        case .trusted: 2
        case .verified: 3
        }
    }

    /// Ordered from weakest (anonymous) to strongest (verified).
    public static func < (lhs: TLSTrust, rhs: TLSTrust) -> Bool { lhs.rank < rhs.rank }
}
