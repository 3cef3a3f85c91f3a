/// Why an import did not keep an entry. Each case names the dataset rule (DESIGN.md,
/// "The dataset's rules") or the source list's own semantics that refuses it.
public enum ImportDropReason: Error, Sendable, Equatable, CustomStringConvertible {
    /// `fingerprint` level: a pin of one host's certificate, broken by every renewal.
    case fingerprintPin
    /// `tafile=` names a file on one host.
    case trustAnchorFile
    /// `none`, `may` or `dane`: nothing is enforced on a host without DNSSEC.
    case weakLevel(SecurityLevel)
    /// `dane-only` with no PKIX line to fall back on for hosts without DNSSEC.
    case daneOnlyWithoutPKIX
    /// A bracketed, port or quoted key: local routing, not a destination domain.
    case routingKey(String)
    /// The key is not a mail domain the dataset can hold.
    case invalidKey(String)
    /// The target Postfix calls the entry invalid (mail would defer).
    case rejectedByPostfix(version: PostfixVersion, message: String)
    /// Postfix accepts the entry, but the handshake fails or verification can never succeed.
    case failsAtHandshake(String)
    /// postmap would not store the line at all (missing value, orphan continuation, bad quoting).
    case notStoredByPostmap(String)
    /// The key was already imported from an earlier line of the same input.
    case duplicateKey(first: ImportLocation)
    /// EFF `mode: testing`: the list itself does not ask for enforcement.
    case testingMode
    /// EFF `mode` with a value other than `enforce` or `testing`.
    case unknownMode(String)
    /// EFF `policy-alias` naming no alias in `policy-aliases`.
    case unknownAlias(String)
    /// EFF policy with no `mxs` patterns (nothing to verify the certificate against).
    case noMXPatterns
    /// EFF `mxs` pattern that is not a host name (it would break or widen the `match=` list).
    case invalidMXPattern(String)
    /// EFF policy that is not a JSON object of the expected shape.
    case malformedPolicy(String)

    /// A short, stable category for summaries (`3 fingerprint pin`).
    public var category: String {
        switch self {
        case .fingerprintPin: "fingerprint pin"
        case .trustAnchorFile: "tafile"
        case .weakLevel(let level): "level \(level.rawValue)"
        case .daneOnlyWithoutPKIX: "dane-only without PKIX line"
        case .routingKey: "routing key"
        case .invalidKey: "invalid key"
        case .rejectedByPostfix: "invalid in Postfix"
        case .failsAtHandshake: "fails at handshake"
        case .notStoredByPostmap: "not stored by postmap"
        case .duplicateKey: "duplicate key"
        case .testingMode: "mode testing"
        case .unknownMode: "unknown mode"
        case .unknownAlias: "unknown policy alias"
        case .noMXPatterns: "no mxs"
        case .invalidMXPattern: "invalid mxs pattern"
        case .malformedPolicy: "malformed policy"
        }
    }

    public var description: String {
        switch self {
        case .fingerprintPin:
            "fingerprint pins are host-specific and break on every certificate renewal; "
                + "the shared dataset holds only CA-verified (secure match=...) or encrypt entries"
        case .trustAnchorFile:
            "tafile= names a file on one host; it has no place in the shared dataset"
        case .weakLevel(let level):
            "level \(level.rawValue) enforces nothing on a host without DNSSEC; the shared dataset holds encrypt or stronger"
        case .daneOnlyWithoutPKIX:
            "dane-only in the PKIX table: the dataset needs the PKIX line (secure match=...) for hosts without DNSSEC"
        case .routingKey(let form):
            "\(form) keys are local routing, not destination domains for the shared dataset"
        case .invalidKey(let problem):
            "not a mail domain for the dataset: \(problem)"
        case .rejectedByPostfix(let version, let message):
            "Postfix \(version) calls the entry invalid (\(message)); it would defer mail"
        case .failsAtHandshake(let message):
            "accepted by Postfix but fails at the handshake: \(message)"
        case .notStoredByPostmap(let message):
            "postmap does not store this line: \(message)"
        case .duplicateKey(let first):
            "already imported from \(first); postmap keeps the first"
        case .testingMode:
            "mode testing: the list does not ask senders to enforce this policy yet"
        case .unknownMode(let mode):
            "mode '\(mode)' is neither enforce nor testing"
        case .unknownAlias(let alias):
            "policy-alias '\(alias)' is not defined in policy-aliases"
        case .noMXPatterns:
            "no mxs patterns: nothing to verify the certificate against"
        case .invalidMXPattern(let pattern):
            "mxs pattern '\(pattern)' is not a host name"
        case .malformedPolicy(let problem):
            "malformed policy: \(problem)"
        }
    }
}
