/// The attribute names the Postfix SMTP client knows in a policy value (`name=value`).
public enum AttributeName: String, Sendable, CaseIterable, Hashable {
    case ciphers
    case protocols
    case exclude
    case servername
    case match
    case tafile
    case connectionReuse = "connection_reuse"
    case enableRPK = "enable_rpk"
    case policyType = "policy_type"
    case policyDomain = "policy_domain"
    case policyTTL = "policy_ttl"
    case policyString = "policy_string"
    case policyFailure = "policy_failure"
    case mxHostPattern = "mx_host_pattern"

    /// How a repeated attribute is treated.
    public enum Multiplicity: Sendable {
        /// A second instance makes the entry invalid.
        case once
        /// Instances accumulate (`match`, `tafile`, `policy_string`, `mx_host_pattern`).
        case repeats
        /// A later instance replaces an earlier one.
        case lastWins
    }

    public var multiplicity: Multiplicity {
        switch self {
        case .ciphers, .protocols, .exclude, .servername, .policyType, .policyDomain, .policyTTL, .policyFailure:
            .once
        case .match, .tafile, .policyString, .mxHostPattern:
            .repeats
        case .connectionReuse, .enableRPK:
            .lastWins
        }
    }

    /// The feature that introduced the attribute; `nil` for those as old as the table.
    public var feature: PostfixFeature? {
        switch self {
        case .servername, .connectionReuse: .servernameAndConnectionReuse
        case .enableRPK: .enableRPK
        case .policyType, .policyDomain, .policyTTL, .policyString, .policyFailure, .mxHostPattern:
            .externalPolicyAttributes
        default: nil
        }
    }

    /// `policy_*` and `mx_host_pattern`: meaningful only with `policy_type`.
    public var isExternalPolicyAttribute: Bool { feature == .externalPolicyAttributes }

    /// Case-insensitive lookup (`strcasecmp`), restricted to what `version` knows.
    static func lookup<Bytes: Collection>(_ bytes: Bytes) -> AttributeName? where Bytes.Element == UInt8 {
        names.lookup(bytes)
    }

    /// The `policy_type` values Postfix 3.10+ accepts (`tlsrpt_wrapper.c`).
    private static let names = ASCIINameTable(allCases.map { ($0.rawValue, $0) })

    static let policyTypeValues = ["sts", "no-policy-found"]
    /// The `policy_failure` values Postfix 3.10+ accepts.
    static let policyFailureValues = [
        "sts-policy-fetch-error", "sts-policy-invalid", "sts-webpki-invalid", "validation-failure",
    ]
}
