/// A Postfix TLS security level, as `smtp_tls_security_level` or a policy entry names it.
///
/// The probe takes the level already parsed; it only needs to know what each level
/// demands of a session (see `smtp_tls_policy.c` and `tls_level.c` in Postfix).
public enum TLSSecurityLevel: String, Sendable, CaseIterable, Codable {
    case none
    case may
    case encrypt
    case fingerprint
    case verify
    case secure
    case dane
    case daneOnly = "dane-only"

    /// Levels at which Postfix defers mail rather than send it in clear.
    public var requiresTLS: Bool {
        switch self {
        case .none, .may: false
        default: true
        }
    }

    /// Levels at which the certificate must be matched (Postfix's `TLS_MUST_MATCH`).
    public var requiresMatch: Bool {
        switch self {
        case .fingerprint, .verify, .secure, .dane, .daneOnly: true
        case .none, .may, .encrypt: false
        }
    }

    /// The `match=` default for this level: `smtp_tls_verify_cert_match = hostname` and
    /// `smtp_tls_secure_cert_match = nexthop, dot-nexthop`; empty for the others.
    public var defaultMatchNames: [String] {
        switch self {
        case .verify: ["hostname"]
        case .secure: ["nexthop", "dot-nexthop"]
        default: []
        }
    }
}
