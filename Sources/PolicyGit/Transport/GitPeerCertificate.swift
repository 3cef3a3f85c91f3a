internal import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// An HTTPS server's certificate as libgit2 passes it to the certificate
/// callback (owns an OpenSSL `X509` decoded from its DER): the leaf only,
/// without the chain the server sent.
final class GitPeerCertificate {
    private let certificate: OpaquePointer

    /// Decodes DER bytes; nil when they are not a certificate.
    init?(der: UnsafeRawBufferPointer) {
        guard let start = der.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        var cursor: UnsafePointer<UInt8>? = start
        guard let certificate = d2i_X509(nil, &cursor, der.count) else { return nil }
        self.certificate = certificate
    }

    deinit { X509_free(certificate) }

    /// Checks the certificate for `host` against `trust`, as OpenSSL verifies
    /// a TLS server: a chain to a trusted certificate, validity dates, the
    /// serverAuth purpose, and `host` in its names (an IP-address SAN for an
    /// address literal; no partial wildcards).
    ///
    /// The chain is built from `trust` alone (libgit2 hands over only the
    /// leaf), so a CA file must hold the intermediates too.
    ///
    /// - Returns: nil when trusted, otherwise OpenSSL's reason.
    func verificationFailure(host: String, trust: GitTrustStore) -> String? {
        guard let context = X509_STORE_CTX_new() else { return "OpenSSL could not allocate a verification context" }
        defer { X509_STORE_CTX_free(context) }
        let initialised = trust.withUnsafeStore { store in X509_STORE_CTX_init(context, store, certificate, nil) }
        guard initialised == 1 else { return "OpenSSL could not start verification: \(GitTrustStore.drainErrors())" }
        _ = X509_STORE_CTX_set_purpose(context, X509_PURPOSE_SSL_SERVER)
        guard let parameters = X509_STORE_CTX_get0_param(context) else { return "OpenSSL gave no verification parameters" }
        X509_VERIFY_PARAM_set_hostflags(parameters, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS))
        let named = Self.isAddressLiteral(host)
            ? X509_VERIFY_PARAM_set1_ip_asc(parameters, host)
            : X509_VERIFY_PARAM_set1_host(parameters, host, 0)
        guard named == 1 else { return "OpenSSL cannot check the name '\(host)'" }
        if X509_verify_cert(context) == 1 { return nil }
        let code = X509_STORE_CTX_get_error(context)
        ERR_clear_error()
        return String(cString: X509_verify_cert_error_string(Int(code)))
    }

    /// True for an IPv4 or IPv6 address literal (no brackets).
    static func isAddressLiteral(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }
}
