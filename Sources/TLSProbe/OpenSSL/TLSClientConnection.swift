internal import COpenSSL
internal import COpenSSLShims
#if canImport(Glibc)
import Glibc
import PolicyDNS
#endif

/// An `SSL` client over an already-connected non-blocking socket; owns the `SSL`, frees it in `deinit`.
///
/// Set up the way Postfix's `tls_client_start` sets one up: SNI, name checks through
/// `SSL_add1_host` under `X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS`, DANE records through
/// `SSL_dane_tlsa_add` (with `DANE_FLAG_NO_DANE_EE_NAMECHECKS`, RFC 7672 section 3.1.1).
final class TLSClientConnection: SMTPTransport {
    private let connection: OpaquePointer
    // Kept alive for as long as the SSL object uses them.
    private let context: TLSClientContext
    private let socket: SMTPSocket

    init(context: TLSClientContext, socket: SMTPSocket) throws {
        OpenSSLErrorQueue.clear()
        guard let connection = context.withUnsafeContext({ SSL_new($0) }) else {
            throw TLSProbeError.openSSL(operation: "SSL_new", details: OpenSSLErrorQueue.drain())
        }
        self.connection = connection
        self.context = context
        self.socket = socket
        guard SSL_set_fd(connection, socket.descriptor) == 1 else {
            throw TLSProbeError.openSSL(operation: "SSL_set_fd", details: OpenSSLErrorQueue.drain())
        }
    }

    deinit { SSL_free(connection) }

    /// Turns on DANE for this connection with no base domain (Postfix passes none and adds
    /// its names itself); call before ``addNameChecks(_:)``, which this would clear.
    func enableDANE() throws {
        guard SSL_dane_enable(connection, nil) > 0 else {
            throw TLSProbeError.openSSL(operation: "SSL_dane_enable", details: OpenSSLErrorQueue.drain())
        }
        _ = SSL_dane_set_flags(connection, UInt(DANE_FLAG_NO_DANE_EE_NAMECHECKS))
    }

    /// Adds one TLSA record; false when OpenSSL finds it unusable (an unknown matching type,
    /// data of the wrong length), as `tls_dane_enable` counts it.
    func addTLSA(usage: UInt8, selector: UInt8, matchingType: UInt8, data: [UInt8]) throws -> Bool {
        let added = SSL_dane_tlsa_add(connection, usage, selector, matchingType, data, data.count)
        if added > 0 { return true }
        if added == 0 { OpenSSLErrorQueue.clear(); return false }
        throw TLSProbeError.openSSL(operation: "SSL_dane_tlsa_add", details: OpenSSLErrorQueue.drain())
    }

    /// Postfix's `add_namechecks` after keyword expansion: each name through `SSL_add1_host`
    /// (a leading dot matches any sub-domain, OpenSSL's own rule), partial wildcards refused.
    /// Returns how many names OpenSSL accepted.
    func addNameChecks(_ names: [String]) -> Int {
        SSL_set_hostflags(connection, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS))
        var added = 0
        for name in names where SSL_add1_host(connection, name) == 1 {
            added += 1
        }
        OpenSSLErrorQueue.clear()
        return added
    }

    /// Sends `name` as SNI.
    func setServerName(_ name: String) throws {
        guard shim_SSL_set_tlsext_host_name(connection, name) == 1 else {
            throw TLSProbeError.openSSL(operation: "SSL_set_tlsext_host_name(\(name))", details: OpenSSLErrorQueue.drain())
        }
    }

    /// Runs the handshake, polling on WANT_READ/WANT_WRITE until done or the deadline.
    func handshake(deadline: StepDeadline) throws {
        OpenSSLErrorQueue.clear()
        while true {
            errno = 0
            let result = SSL_connect(connection)
            if result == 1 { return }
            try waitOrThrow(result: result, deadline: deadline) { reason in ProbeFailure.handshakeFailed(reason: reason) }
        }
    }

    func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: StepDeadline) throws -> Int {
        while true {
            errno = 0
            let result = SSL_read(connection, buffer.baseAddress, Int32(clamping: buffer.count))
            if result > 0 { return Int(result) }
            if SSL_get_error(connection, result) == SSL_ERROR_ZERO_RETURN { return 0 }
            try waitOrThrow(result: result, deadline: deadline) { reason in ProbeFailure.ioFailed(step: deadline.step, reason: reason) }
        }
    }

    func send(_ bytes: [UInt8], deadline: StepDeadline) throws {
        while true {
            errno = 0
            let result = SSL_write(connection, bytes, Int32(clamping: bytes.count))
            if result > 0 { return }
            try waitOrThrow(result: result, deadline: deadline) { reason in ProbeFailure.ioFailed(step: deadline.step, reason: reason) }
        }
    }

    /// Sends close_notify without waiting for the peer's (the socket closes right after).
    func shutdown() {
        _ = SSL_shutdown(connection)
        OpenSSLErrorQueue.clear()
    }

    /// Waits for the socket when OpenSSL asks to, else throws what went wrong.
    private func waitOrThrow(result: Int32, deadline: StepDeadline, failure: (String) -> ProbeFailure) throws {
        let savedErrno = errno
        switch SSL_get_error(connection, result) {
        case SSL_ERROR_WANT_READ:
            try socket.wait(for: Int16(POLLIN), deadline: deadline)
        case SSL_ERROR_WANT_WRITE:
            try socket.wait(for: Int16(POLLOUT), deadline: deadline)
        case SSL_ERROR_ZERO_RETURN:
            throw ProbeFailure.connectionClosed(step: deadline.step)
        case SSL_ERROR_SYSCALL:
            let queued = ERR_peek_error() != 0 ? OpenSSLErrorQueue.drain() : nil
            if let queued { throw failure(queued) }
            if savedErrno != 0 { throw failure(String(cString: strerror(savedErrno))) }
            throw failure("lost connection")
        default:
            throw failure(OpenSSLErrorQueue.drain())
        }
    }

    // MARK: After the handshake

    /// `SSL_get_version`, e.g. `TLSv1.3`.
    var protocolVersion: String { SSL_get_version(connection).map { String(cString: $0) } ?? "unknown" }

    /// The negotiated cipher's name and its bits as Postfix logs them (`256/256`).
    var cipher: (name: String, bits: String) {
        guard let cipher = SSL_get_current_cipher(connection) else { return ("unknown", "0/0") }
        var algorithmBits: Int32 = 0
        let used = SSL_CIPHER_get_bits(cipher, &algorithmBits)
        return (SSL_CIPHER_get_name(cipher).map { String(cString: $0) } ?? "unknown", "\(used)/\(algorithmBits)")
    }

    /// `SSL_get_verify_result` with OpenSSL's words for it.
    var verification: ChainVerification {
        let code = SSL_get_verify_result(connection)
        let reason = X509_verify_cert_error_string(code).map { String(cString: $0) } ?? "unknown"
        return ChainVerification(code: code, reason: reason)
    }

    /// The name that matched during verification (`SSL_get0_peername`).
    var matchedName: String? { SSL_get0_peername(connection).map { String(cString: $0) } }

    /// The leaf certificate, nil when the server sent none.
    var peerCertificate: PeerCertificate? { SSL_get1_peer_certificate(connection).map { PeerCertificate(taking: $0) } }

    /// The TLSA record that matched and its depth in the chain, nil when none did.
    var matchedTLSA: (record: TLSARecord, depth: Int)? {
        var usage: UInt8 = 0
        var selector: UInt8 = 0
        var matchingType: UInt8 = 0
        var data: UnsafePointer<UInt8>?
        var length = 0
        let depth = SSL_get0_dane_tlsa(connection, &usage, &selector, &matchingType, &data, &length)
        guard depth >= 0 else { return nil }
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: length)) } ?? []
        return (TLSARecord(usage: usage, selector: selector, matchingType: matchingType, data: bytes), Int(depth))
    }
}
