internal import COpenSSL
internal import COpenSSLShims

/// The server's `SSL_CTX`: certificate chain and key from PEM files, optionally capped at
/// TLS 1.2. Owns the pointer and frees it in `deinit`.
///
/// `@unchecked Sendable`: after `init` the context is only read, and OpenSSL allows
/// `SSL_new` on one context from many threads at once.
final class ServerTLSContext: @unchecked Sendable {
    private let context: OpaquePointer

    init(chainFile: String, keyFile: String, maximumTLS12: Bool) throws {
        ERR_clear_error()
        guard let method = TLS_server_method(), let context = SSL_CTX_new(method) else {
            throw ServerError.tls(operation: "SSL_CTX_new", path: nil, reason: Self.errors())
        }
        self.context = context
        guard SSL_CTX_use_certificate_chain_file(context, chainFile) == 1 else {
            throw ServerError.tls(operation: "loading certificate chain", path: chainFile, reason: Self.errors())
        }
        guard SSL_CTX_use_PrivateKey_file(context, keyFile, SSL_FILETYPE_PEM) == 1 else {
            throw ServerError.tls(operation: "loading private key", path: keyFile, reason: Self.errors())
        }
        guard SSL_CTX_check_private_key(context) == 1 else {
            throw ServerError.tls(operation: "key does not match certificate", path: keyFile, reason: Self.errors())
        }
        if maximumTLS12 {
            guard shim_SSL_CTX_set_max_proto_version(context, TLS1_2_VERSION) == 1 else {
                throw ServerError.tls(operation: "capping protocol at TLS 1.2", path: nil, reason: Self.errors())
            }
        }
    }

    deinit { SSL_CTX_free(context) }

    /// A new `SSL` for one connection, owned by the returned stream.
    func makeStream(descriptor: Int32) throws -> ServerTLSStream {
        guard let ssl = SSL_new(context) else {
            throw ServerError.tls(operation: "SSL_new", path: nil, reason: Self.errors())
        }
        return try ServerTLSStream(taking: ssl, descriptor: descriptor)
    }

    static func errors() -> String {
        var messages: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var text = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &text, text.count)
            messages.append(String(decoding: text.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.isEmpty ? "no OpenSSL error" : messages.joined(separator: "; ")
    }
}
