/// Every lint rule, with its stable identifier (printed as `[family/name]`).
///
/// Identifiers never change meaning once released: CI configurations and
/// suppressions refer to them. Families:
/// - `table/…`: postmap drops the line when it builds the map;
/// - `policy/…`: the SMTP client calls the entry invalid (4.7.5, mail defers);
/// - `host/…`: invalid on this host's configuration (DNSSEC, trust-anchor files);
/// - `handshake/…`: accepted, but fails at the TLS handshake or can never match;
/// - `key/…`: accepted, but never looked up;
/// - `dataset/…`: the shared dataset's own rules (DESIGN.md).
public enum RuleID: String, Sendable, Codable, CaseIterable, Hashable {
    case tableOrphanContinuation = "table/orphan-continuation"
    case tableUnbalancedQuote = "table/unbalanced-quote"
    case tableMissingValue = "table/missing-value"
    case tableNonUTF8 = "table/non-utf8"
    case tableDuplicateKey = "table/duplicate-key"

    case policyEmpty = "policy/empty"
    case policyUnknownLevel = "policy/unknown-level"
    case policyLevelVersion = "policy/level-needs-newer-postfix"
    case policyMalformedAttribute = "policy/malformed-attribute"
    case policyUnknownAttribute = "policy/unknown-attribute"
    case policyAttributeVersion = "policy/attribute-needs-newer-postfix"
    case policyRepeatedAttribute = "policy/repeated-attribute"
    case policyEmptyAttribute = "policy/empty-attribute"
    case policyAttributeLevel = "policy/attribute-invalid-at-level"
    case policyAttributeValue = "policy/bad-attribute-value"
    case policyNoFingerprint = "policy/no-fingerprint"
    case policyMissingPolicyType = "policy/missing-policy-type"

    case hostDaneOnlyWithoutDNSSEC = "host/dane-only-without-dnssec"
    case hostTrustAnchorFile = "host/tafile-unusable"

    case handshakeCipherGrade = "handshake/cipher-grade"
    case handshakeProtocols = "handshake/protocols"
    case handshakeNoUsableMatch = "handshake/no-usable-match"
    case handshakeLoneDot = "handshake/lone-dot-match"
    case handshakeMalformedFingerprint = "handshake/malformed-fingerprint"
    case handshakeFingerprintLength = "handshake/fingerprint-length"
    case keyNeverLookedUp = "key/never-looked-up"

    case datasetDuplicateKey = "dataset/duplicate-key"
    case datasetKeySyntax = "dataset/key-syntax"
    case datasetRoutingKey = "dataset/routing-key"
    case datasetWeakLevel = "dataset/weak-level"
    case datasetHostSpecific = "dataset/host-specific"
    case datasetNotCanonical = "dataset/not-canonical"
    case datasetMissingHeader = "dataset/missing-header"
    case datasetDaneAnnotation = "dataset/dane-annotation"
    case datasetManifest = "dataset/manifest"
    case datasetBraceInValue = "dataset/brace-in-value"

    /// The severity under `--rules postfix`; the dataset rule set raises every warning to an error.
    public var postfixSeverity: Severity {
        switch self {
        case .handshakeCipherGrade, .handshakeProtocols, .handshakeNoUsableMatch, .handshakeLoneDot,
            .handshakeMalformedFingerprint, .handshakeFingerprintLength, .keyNeverLookedUp:
            .warning
        default:
            .error
        }
    }

    /// A one-line explanation, for `--explain`-style listings and documentation.
    public var summary: String {
        switch self {
        case .tableOrphanContinuation: "an indented line continues no entry; postmap drops it"
        case .tableUnbalancedQuote: "a key with an unbalanced double quote; postmap drops the line"
        case .tableMissingValue: "a key with no value; postmap drops it and a weaker policy applies"
        case .tableNonUTF8: "a line that is not UTF-8; postmap drops it (smtputf8_enable = yes)"
        case .tableDuplicateKey: "a key already defined (keys are case-insensitive); postmap keeps the first"
        case .policyEmpty: "a value with only separators"
        case .policyUnknownLevel: "not a security level the SMTP client knows"
        case .policyLevelVersion: "a level the target Postfix version does not know"
        case .policyMalformedAttribute: "an attribute that is not name=value"
        case .policyUnknownAttribute: "an attribute name the target Postfix version does not know"
        case .policyAttributeVersion: "an attribute the target Postfix version does not know"
        case .policyRepeatedAttribute: "an attribute allowed once, given twice"
        case .policyEmptyAttribute: "an attribute that must have a value, given none"
        case .policyAttributeLevel: "an attribute not allowed at the entry's level"
        case .policyAttributeValue: "an attribute value the SMTP client rejects"
        case .policyNoFingerprint: "fingerprint level with no usable digest"
        case .policyMissingPolicyType: "policy_* or mx_host_pattern without policy_type"
        case .hostDaneOnlyWithoutDNSSEC: "dane-only on a host whose Postfix does no DNSSEC lookups"
        case .hostTrustAnchorFile: "a tafile that does not exist or holds no PEM block"
        case .handshakeCipherGrade: "a cipher grade OpenSSL setup rejects at the handshake"
        case .handshakeProtocols: "a protocol list the handshake rejects"
        case .handshakeNoUsableMatch: "no usable match pattern: verification always fails"
        case .handshakeLoneDot: "a lone '.' match pattern is skipped"
        case .handshakeMalformedFingerprint: "a fingerprint that is not hex bytes; Postfix skips it"
        case .handshakeFingerprintLength: "a fingerprint that is not a SHA-256 digest (32 bytes)"
        case .keyNeverLookedUp: "a key no next-hop lookup can produce (quotes, spaces, a trailing dot, a bad port)"
        case .datasetDuplicateKey: "a key defined in more than one place in the dataset"
        case .datasetKeySyntax: "a key that is not a lower-case ASCII domain (A-labels for IDNs)"
        case .datasetRoutingKey: "a bracketed or port key: local routing, not for the shared dataset"
        case .datasetWeakLevel: "a level below encrypt in the shared dataset"
        case .datasetHostSpecific: "fingerprint pins and tafile paths are host-specific"
        case .datasetNotCanonical: "a file not in canonical form (run lint --fix)"
        case .datasetMissingHeader: "a file without the provider and evidence header"
        case .datasetDaneAnnotation: "a DANE annotation that does not fit its entry"
        case .datasetManifest: "the dataset manifest is missing or malformed"
        case .datasetBraceInValue: "a '{' or '}' in a value, which Postfix 3.10 and later read as a brace group"
        }
    }
}
