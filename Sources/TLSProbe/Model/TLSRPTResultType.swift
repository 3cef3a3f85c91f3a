/// RFC 8460 (SMTP TLS Reporting) result types for a failed TLS session.
public enum TLSRPTResultType: String, Sendable, Hashable, Codable, CaseIterable {
    case starttlsNotSupported = "starttls-not-supported"
    case certificateHostMismatch = "certificate-host-mismatch"
    case certificateExpired = "certificate-expired"
    case certificateNotTrusted = "certificate-not-trusted"
    case validationFailure = "validation-failure"
    case tlsaInvalid = "tlsa-invalid"
    case dnssecInvalid = "dnssec-invalid"
}
