/// A request the probe cannot even start: the settings, not the server, are wrong.
///
/// Thrown by ``TLSProbe/run(_:)``; what the server does is never thrown but reported
/// in ``ProbeResult``.
public enum TLSProbeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `protocols=` leaves no version (e.g. `>=TLSv1.3 <=TLSv1.2`).
    case emptyProtocolRange(TLSProtocolRange)
    /// OpenSSL refused the cipher list (grade plus exclusions).
    case invalidCipherList(String, openSSL: String)
    /// An exclusion starts with `!`, `+`, `-` or `@` (Postfix refuses these too).
    case invalidCipherExclusion(String)
    /// The CA file or directory could not be loaded.
    case trustStoreUnreadable(path: String, openSSL: String)
    /// A fingerprint is not hex (with or without colons) of a SHA-256 digest's length.
    case invalidFingerprint(String)
    /// The fingerprint level needs at least one fingerprint.
    case noFingerprints
    /// OpenSSL failed at setting something up that should not fail (out of memory and the like).
    case openSSL(operation: String, details: String)

    /// The error in words.
    public var description: String {
        switch self {
        case .emptyProtocolRange(let range):
            "protocol range \"\(range)\" allows no TLS version"
        case .invalidCipherList(let list, let details):
            "OpenSSL refused cipher list \"\(list)\": \(details)"
        case .invalidCipherExclusion(let token):
            "invalid unary '!+-@' in cipher exclusion: \(token)"
        case .trustStoreUnreadable(let path, let details):
            "cannot load trusted CAs from \(path): \(details)"
        case .invalidFingerprint(let text):
            "not a SHA-256 fingerprint (64 hex digits, colons optional): \(text)"
        case .noFingerprints:
            "the fingerprint level needs at least one fingerprint"
        case .openSSL(let operation, let details):
            "\(operation) failed: \(details)"
        }
    }
}
