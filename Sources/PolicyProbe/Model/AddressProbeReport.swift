import Foundation
import TLSProbe

/// One SMTP session to one address of an MX host: what it showed, and Postfix's verdict.
public struct AddressProbeReport: Sendable, Hashable, Codable {
    /// The address (IPv4 or IPv6 text).
    public var address: String
    /// The TCP port.
    public var port: Int
    /// The level the session was judged at, after DANE fallbacks (`may` for `dane`
    /// without usable DNSSEC), as Postfix would apply it.
    public var level: String
    /// True when Postfix would deliver over this session.
    public var wouldDeliver: Bool
    /// False when the server could not be talked to at all (connect, banner, EHLO):
    /// no TLS verdict, the address counts as unreachable.
    public var reachable: Bool
    /// Postfix's log wording for the outcome.
    public var reason: String
    /// RFC 8460 result type of a TLS failure.
    public var resultType: String?
    /// Whether EHLO listed STARTTLS (nil when the session ended before).
    public var starttlsOffered: Bool?
    /// Negotiated protocol, e.g. `TLSv1.3`.
    public var tlsVersion: String?
    /// Negotiated cipher.
    public var cipher: String?
    /// OpenSSL's verification: `ok`, or `num=CODE:reason`.
    public var chainResult: String?
    /// The certificate name that satisfied the match list.
    public var matchedName: String?
    /// The leaf certificate's DNS names (subjectAltName).
    public var certificateNames: [String]
    /// The leaf's subject common name.
    public var commonName: String?
    /// The issuer's common name.
    public var issuer: String?
    /// End of validity, ISO 8601.
    public var notAfter: String?
    /// SHA-256 of the certificate, colon hex.
    public var certificateSHA256: String?
    /// SHA-256 of the public key, colon hex.
    public var publicKeySHA256: String?
    /// DANE outcome: `matched U S M at depth D`, `no match`, nil when DANE was not used.
    public var tlsa: String?
    /// Session wall time in seconds.
    public var elapsed: Double
    /// Whether the TCP connection was made. Nil when no connection was tried (a DNS-level
    /// verdict, the run's deadline, settings TLS cannot start with) and in results written
    /// before the field existed. ``BlindRunner`` reads it to tell a host that cannot reach
    /// the port at all from servers that are down.
    public var connected: Bool?
    /// Whether the server sent its SMTP greeting (any reply code, a 554 too); nil as for ``connected``.
    public var greeted: Bool?

    /// A report from one finished session.
    init(result: ProbeResult) {
        address = result.request.address
        port = result.request.port
        level = result.request.level.rawValue
        wouldDeliver = result.verdict.wouldDeliver
        reachable = result.verdict.wouldDeliver || result.verdict.resultType != nil
        reason = result.verdict.reason
        resultType = result.verdict.resultType?.rawValue
        starttlsOffered = result.starttlsOffered
        tlsVersion = result.tls?.protocolVersion
        cipher = result.tls?.cipher
        chainResult = result.tls.map { $0.verification.isValid ? "ok" : "num=\($0.verification.code):\($0.verification.reason)" }
        matchedName = result.tls?.matchedName
        let certificate = result.tls?.peerCertificate
        certificateNames = certificate?.dnsNames ?? []
        commonName = certificate?.commonName
        issuer = certificate?.issuerCommonName
        notAfter = certificate.map { ISO8601DateFormatter().string(from: $0.notAfter) }
        certificateSHA256 = certificate?.certificateSHA256
        publicKeySHA256 = certificate?.publicKeySHA256
        if let dane = result.tls?.dane {
            if let record = dane.matchedRecord {
                tlsa = "matched \(record) at depth \(dane.matchedDepth ?? 0)"
            } else {
                tlsa = "no match (\(dane.usableRecords) usable, \(dane.unusableRecords) unusable records)"
            }
        }
        elapsed = result.elapsed
        // Every failure before the socket was connected (refused, unreachable, the connect
        // step's timeout) is a connect-step failure.
        connected = result.failure?.step != .connect
        greeted = result.banner != nil
    }

    /// A report for an address that was never connected to (a DNS-level verdict, the deadline).
    init(address: String, port: Int, level: String, wouldDeliver: Bool, reachable: Bool, reason: String, resultType: String?) {
        self.address = address
        self.port = port
        self.level = level
        self.wouldDeliver = wouldDeliver
        self.reachable = reachable
        self.reason = reason
        self.resultType = resultType
        certificateNames = []
        elapsed = 0
    }

    /// True when this session is a TLS failure that makes Postfix defer.
    public var isFailure: Bool { reachable && !wouldDeliver }
}
