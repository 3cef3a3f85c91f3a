internal import COpenSSL
internal import COpenSSLShims

/// An `SSL_CTX` configured as Postfix's SMTP client configures one for a session:
/// protocol bounds, the grade's cipher list, trusted CAs, verification left to the
/// caller (`SSL_VERIFY_NONE`: the result is read after the handshake, as Postfix does),
/// and DANE with Postfix's private-use matching type 255 for fingerprints.
final class TLSClientContext {
    private let context: OpaquePointer

    /// Postfix's `smtp_tls_scert_verifydepth` default (9), plus the one Postfix adds.
    static let verifyDepth: Int32 = 10
    /// The private-use TLSA matching type Postfix maps to its fingerprint digest.
    static let fingerprintMatchingType: UInt8 = 255

    init(request: ProbeRequest) throws {
        guard !request.protocols.isEmpty else { throw TLSProbeError.emptyProtocolRange(request.protocols) }
        for token in request.cipherExclusions where token.first.map({ "!+-@".contains($0) }) ?? true {
            throw TLSProbeError.invalidCipherExclusion(token)
        }
        OpenSSLErrorQueue.clear()
        guard let method = TLS_client_method(), let context = SSL_CTX_new(method) else {
            throw TLSProbeError.openSSL(operation: "SSL_CTX_new", details: OpenSSLErrorQueue.drain())
        }
        self.context = context
        if let minimum = request.protocols.minimum {
            guard shim_SSL_CTX_set_min_proto_version(context, Int32(minimum.rawValue)) == 1 else {
                throw TLSProbeError.openSSL(operation: "set minimum protocol \(minimum)", details: OpenSSLErrorQueue.drain())
            }
        }
        if let maximum = request.protocols.maximum {
            guard shim_SSL_CTX_set_max_proto_version(context, Int32(maximum.rawValue)) == 1 else {
                throw TLSProbeError.openSSL(operation: "set maximum protocol \(maximum)", details: OpenSSLErrorQueue.drain())
            }
        }
        let cipherList = ([request.cipherGrade.openSSLCipherList] + request.cipherExclusions.map { "!\($0)" }).joined(separator: ":")
        guard SSL_CTX_set_cipher_list(context, cipherList) == 1 else {
            throw TLSProbeError.invalidCipherList(cipherList, openSSL: OpenSSLErrorQueue.drain())
        }
        if request.caFile != nil || request.caPath != nil {
            guard SSL_CTX_load_verify_locations(context, request.caFile, request.caPath) == 1 else {
                throw TLSProbeError.trustStoreUnreadable(path: [request.caFile, request.caPath].compactMap { $0 }.joined(separator: ", "),
                                                         openSSL: OpenSSLErrorQueue.drain())
            }
        } else if SSL_CTX_set_default_verify_paths(context) != 1 {
            throw TLSProbeError.trustStoreUnreadable(path: "OpenSSL's default paths", openSSL: OpenSSLErrorQueue.drain())
        }
        SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        SSL_CTX_set_verify_depth(context, Self.verifyDepth)
        guard SSL_CTX_dane_enable(context) > 0 else {
            throw TLSProbeError.openSSL(operation: "SSL_CTX_dane_enable", details: OpenSSLErrorQueue.drain())
        }
        guard SSL_CTX_dane_mtype_set(context, EVP_sha256(), Self.fingerprintMatchingType, 0) > 0 else {
            throw TLSProbeError.openSSL(operation: "SSL_CTX_dane_mtype_set(255, sha256)", details: OpenSSLErrorQueue.drain())
        }
    }

    deinit { SSL_CTX_free(context) }

    /// Lends the `SSL_CTX` pointer for the duration of `body`.
    func withUnsafeContext<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
        try body(context)
    }
}
