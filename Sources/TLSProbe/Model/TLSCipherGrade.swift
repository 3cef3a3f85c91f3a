/// A Postfix cipher grade (`ciphers=` or `smtp_tls_mandatory_ciphers`) and the OpenSSL
/// cipher list it stands for.
///
/// `low` and `export` are not offered: Postfix 3.7's `tls_cipher_grade` no longer maps
/// them to a list, so an entry naming them is invalid before any session starts.
public enum TLSCipherGrade: String, Sendable, CaseIterable, Codable {
    case high
    case medium
    case null

    /// Postfix 3.7's default `smtp_tls_mandatory_ciphers`.
    public static let postfixDefault = TLSCipherGrade.medium

    /// The cipher list Postfix hands to `SSL_set_cipher_list`: the defaults of
    /// `tls_high_cipherlist`, `tls_medium_cipherlist` and `tls_null_cipherlist`.
    /// It governs TLS 1.2 and below; TLS 1.3 suites are not affected (as in Postfix).
    public var openSSLCipherList: String {
        switch self {
        case .high: "aNULL:-aNULL:HIGH:@STRENGTH"
        case .medium: "aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH"
        case .null: "eNULL:!aNULL"
        }
    }
}
