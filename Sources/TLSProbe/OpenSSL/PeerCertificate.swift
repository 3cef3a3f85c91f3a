internal import COpenSSL
internal import COpenSSLShims
import Foundation

/// The server's leaf certificate (an `X509` the owner holds a reference to, freed in `deinit`).
final class PeerCertificate {
    private let certificate: OpaquePointer

    /// Takes ownership of a certificate reference (from `SSL_get1_peer_certificate`).
    init(taking certificate: OpaquePointer) {
        self.certificate = certificate
    }

    deinit { X509_free(certificate) }

    /// DNS names from subjectAltName, in certificate order.
    var dnsNames: [String] {
        guard let raw = X509_get_ext_d2i(certificate, NID_subject_alt_name, nil, nil) else { return [] }
        let names = OpaquePointer(raw)
        defer { GENERAL_NAMES_free(names) }
        var result: [String] = []
        for index in 0..<shim_sk_GENERAL_NAME_num(names) {
            guard let entry = shim_sk_GENERAL_NAME_value(names, index) else { continue }
            var type: Int32 = 0
            guard let value = GENERAL_NAME_get0_value(entry, &type), type == GEN_DNS else { continue }
            let string = UnsafePointer(value.assumingMemoryBound(to: ASN1_STRING.self))
            result.append(Self.text(of: string))
        }
        return result
    }

    /// The subject's CN, nil when there is none.
    var commonName: String? { Self.commonName(of: X509_get_subject_name(certificate)) }

    /// The issuer's CN, nil when there is none.
    var issuerCommonName: String? { Self.commonName(of: X509_get_issuer_name(certificate)) }

    /// The issuer as `X509_NAME_oneline` prints it (`/CN=...`), as Postfix logs an untrusted issuer.
    var issuerOneLine: String {
        guard let name = X509_get_issuer_name(certificate), let text = X509_NAME_oneline(name, nil, 0) else { return "<unknown>" }
        defer { shim_OPENSSL_free(text) }
        return String(cString: text)
    }

    /// End of validity, nil when OpenSSL cannot convert it.
    var notAfter: Date? {
        guard let time = X509_get0_notAfter(certificate) else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    /// SHA-256 over the DER certificate, as Postfix's `tls_cert_fprint` (upper-case hex, colons).
    var certificateSHA256: String? {
        let length = i2d_X509(certificate, nil)
        guard length > 0 else { return nil }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_X509(certificate, &cursor)
        }
        guard written == length else { return nil }
        return Self.sha256(der)
    }

    /// SHA-256 over the DER SubjectPublicKeyInfo, as Postfix's `tls_pkey_fprint`.
    var publicKeySHA256: String? {
        guard let key = X509_get_X509_PUBKEY(certificate) else { return nil }
        let length = i2d_X509_PUBKEY(key, nil)
        guard length > 0 else { return nil }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_X509_PUBKEY(key, &cursor)
        }
        guard written == length else { return nil }
        return Self.sha256(der)
    }

    /// The summary a probe result keeps; nil when a digest or the expiry cannot be read.
    func summary() -> CertificateSummary? {
        guard let notAfter, let certificateSHA256, let publicKeySHA256 else { return nil }
        return CertificateSummary(dnsNames: dnsNames, commonName: commonName, issuerCommonName: issuerCommonName,
                                  notAfter: notAfter, certificateSHA256: certificateSHA256, publicKeySHA256: publicKeySHA256)
    }

    static func sha256(_ bytes: [UInt8]) -> String? {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_Digest(bytes, bytes.count, &digest, &length, EVP_sha256(), nil) == 1 else { return nil }
        return digest.prefix(Int(length)).map { String(format2: $0).uppercased() }.joined(separator: ":")
    }

    private static func commonName(of name: OpaquePointer?) -> String? {
        guard let name else { return nil }
        let index = X509_NAME_get_index_by_NID(name, NID_commonName, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(name, index), let data = X509_NAME_ENTRY_get_data(entry) else { return nil }
        return text(of: UnsafePointer(data))
    }

    private static func text(of string: UnsafePointer<ASN1_STRING>) -> String {
        let length = Int(ASN1_STRING_length(string))
        guard length > 0, let bytes = ASN1_STRING_get0_data(string) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
    }
}
