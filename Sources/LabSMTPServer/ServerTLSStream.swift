internal import COpenSSL

/// The TLS side of one server connection (a blocking socket with receive/send timeouts);
/// owns the `SSL` and frees it in `deinit`.
final class ServerTLSStream {
    private let ssl: OpaquePointer

    init(taking ssl: OpaquePointer, descriptor: Int32) throws {
        self.ssl = ssl
        guard SSL_set_fd(ssl, descriptor) == 1 else {
            throw ServerError.tls(operation: "SSL_set_fd", path: nil, reason: ServerTLSContext.errors())
        }
    }

    deinit { SSL_free(ssl) }

    /// The server side of the handshake.
    func accept() throws {
        guard SSL_accept(ssl) == 1 else {
            throw ServerError.tls(operation: "SSL_accept", path: nil, reason: ServerTLSContext.errors())
        }
    }

    /// Up to `buffer.count` bytes; 0 at end of stream or on error.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        max(0, Int(SSL_read(ssl, buffer.baseAddress, Int32(clamping: buffer.count))))
    }

    /// Writes all of `bytes`; false on error.
    func write(_ bytes: [UInt8]) -> Bool {
        SSL_write(ssl, bytes, Int32(clamping: bytes.count)) == Int32(bytes.count)
    }

    /// Sends close_notify.
    func shutdown() { _ = SSL_shutdown(ssl) }
}
