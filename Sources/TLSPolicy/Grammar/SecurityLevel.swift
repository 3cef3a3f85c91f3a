/// A Postfix TLS security level, the first word of a policy value.
///
/// Declared in Postfix's own numeric order (`tls_level.c`): every level at or
/// above `encrypt` makes TLS mandatory, so comparisons say "at least as strict".
public enum SecurityLevel: String, Sendable, CaseIterable, Comparable, Hashable {
    case none
    case may
    case encrypt
    case fingerprint
    case dane
    case daneOnly = "dane-only"
    case verify
    case secure

    /// Looks a level up the way `tls_level_lookup()` does: ASCII case-insensitive,
    /// and `halfdane` (an output-only level) is not accepted.
    public init?<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        guard let level = SecurityLevel.names.lookup(bytes) else { return nil }
        self = level
    }

    public var name: String { rawValue }

    private static let names = ASCIINameTable(allCases.map { ($0.rawValue, $0) })

    /// The feature that introduced this level, if it is not as old as the table.
    public var feature: PostfixFeature? {
        switch self {
        case .fingerprint: .fingerprintLevel
        case .dane, .daneOnly: .daneLevels
        default: nil
        }
    }

    /// TLS is mandatory: a server without STARTTLS gets no mail.
    public var requiresTLS: Bool { self >= .encrypt }

    /// Certificates are checked against a CA (the levels where `tafile` is allowed).
    public var isPKIX: Bool { self == .verify || self == .secure }

    /// Levels whose peer names come from `match=`.
    public var takesMatch: Bool { self == .fingerprint || isPKIX }

    public static func < (lhs: SecurityLevel, rhs: SecurityLevel) -> Bool {
        lhs.order < rhs.order
    }

    private var order: Int {
        switch self {
        case .none: 0
        case .may: 1
        case .encrypt: 2
        case .fingerprint: 3
        case .dane: 4
        case .daneOnly: 5
        case .verify: 6
        case .secure: 7
        }
    }
}
