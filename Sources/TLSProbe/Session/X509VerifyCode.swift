internal import COpenSSL

/// The X509_V_ERR_* codes Postfix words specially (`tls_log_verify_error`), as `Int32`.
enum X509VerifyCode {
    static let notYetValid = X509_V_ERR_CERT_NOT_YET_VALID
    static let hasExpired = X509_V_ERR_CERT_HAS_EXPIRED
    static let errorInNotBefore = X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD
    static let errorInNotAfter = X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD
    static let depthZeroSelfSigned = X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
    static let selfSignedInChain = X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN
    static let unableToGetIssuerLocally = X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
    static let certUntrusted = X509_V_ERR_CERT_UNTRUSTED
    static let hostnameMismatch = X509_V_ERR_HOSTNAME_MISMATCH
    static let daneNoMatch = X509_V_ERR_DANE_NO_MATCH
}
