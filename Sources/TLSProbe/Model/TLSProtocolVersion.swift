internal import COpenSSL

/// A TLS protocol version that a Postfix `protocols=` value can name.
///
/// SSLv2 and SSLv3 are left out: the system OpenSSL 3 cannot negotiate them, so a range
/// that only they satisfy is already an error for Postfix ("no TLS protocols").
public enum TLSProtocolVersion: Int, Sendable, Comparable, CaseIterable, Codable, CustomStringConvertible {
    case tls1 = 0x0301
    case tls1_1 = 0x0302
    case tls1_2 = 0x0303
    case tls1_3 = 0x0304

    /// The name Postfix and OpenSSL print (`TLSv1.2`).
    public var description: String {
        switch self {
        case .tls1: "TLSv1"
        case .tls1_1: "TLSv1.1"
        case .tls1_2: "TLSv1.2"
        case .tls1_3: "TLSv1.3"
        }
    }

    /// The version whose OpenSSL name (`SSL_get_version`) is `name`, nil for any other.
    public init?(openSSLName name: String) {
        guard let match = Self.allCases.first(where: { $0.description == name }) else { return nil }
        self = match
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
