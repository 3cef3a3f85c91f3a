import Foundation

/// What a probe keeps of the peer's leaf certificate.
public struct CertificateSummary: Sendable, Hashable, Codable {
    /// DNS names from subjectAltName, in certificate order.
    public let dnsNames: [String]
    /// The subject's common name, nil when absent.
    public let commonName: String?
    /// The issuer's common name, nil when absent.
    public let issuerCommonName: String?
    /// End of validity.
    public let notAfter: Date
    /// SHA-256 of the DER certificate, upper-case hex with colons (Postfix's `fingerprint=` form).
    public let certificateSHA256: String
    /// SHA-256 of the DER SubjectPublicKeyInfo, the same form (Postfix's `pkey_fingerprint`).
    public let publicKeySHA256: String

    /// A summary.
    public init(dnsNames: [String], commonName: String?, issuerCommonName: String?, notAfter: Date,
                certificateSHA256: String, publicKeySHA256: String) {
        self.dnsNames = dnsNames
        self.commonName = commonName
        self.issuerCommonName = issuerCommonName
        self.notAfter = notAfter
        self.certificateSHA256 = certificateSHA256
        self.publicKeySHA256 = publicKeySHA256
    }
}
