/// OpenSSL's verdict on the peer's certificate (`SSL_get_verify_result`): chain, name
/// checks and DANE together, exactly what Postfix reads after the handshake.
public struct ChainVerification: Sendable, Hashable, Codable {
    /// The X509_V_* code; 0 is X509_V_OK.
    public let code: Int
    /// OpenSSL's words for it (`X509_verify_cert_error_string`), e.g. "hostname mismatch".
    public let reason: String

    /// A verdict from OpenSSL's code and text.
    public init(code: Int, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// True for X509_V_OK.
    public var isValid: Bool { code == 0 }
}
