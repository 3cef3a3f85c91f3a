/// The TLS session a probe established: what was negotiated and how the peer was judged.
public struct TLSSessionSummary: Sendable, Hashable, Codable {
    /// Negotiated protocol, e.g. `TLSv1.3` (`SSL_get_version`).
    public let protocolVersion: String
    /// Negotiated cipher, e.g. `TLS_AES_256_GCM_SHA384`.
    public let cipher: String
    /// The leaf certificate, nil when the server sent none.
    public let peerCertificate: CertificateSummary?
    /// OpenSSL's verification result (chain, names, DANE).
    public let verification: ChainVerification
    /// The name that matched (`SSL_get0_peername`), nil when no name check passed or none ran.
    public let matchedName: String?
    /// DANE or fingerprint status, nil when the level used neither.
    public let dane: DANEStatus?

    /// A summary.
    public init(protocolVersion: String, cipher: String, peerCertificate: CertificateSummary?,
                verification: ChainVerification, matchedName: String?, dane: DANEStatus?) {
        self.protocolVersion = protocolVersion
        self.cipher = cipher
        self.peerCertificate = peerCertificate
        self.verification = verification
        self.matchedName = matchedName
        self.dane = dane
    }
}
