/// Postfix's summary of one TLS handshake by its SMTP client:
///
///     postfix/smtp[291]: Verified TLS connection established to mx.b.test[127.0.0.2]:25:
///         TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) ...
///
/// Logged only with `smtp_tls_loglevel = 1` or more. The delivery status lines that follow
/// from the same program and PID are the deliveries made over this connection.
public struct TLSConnectionRecord: Sendable, Hashable {
    /// Verified, Trusted, Untrusted or Anonymous.
    public let trust: TLSTrust
    /// The server's host name (the MX name as Postfix looked it up).
    public let host: String
    /// The server's address, without brackets.
    public let address: String
    /// The TCP port.
    public let port: Int
    /// The protocol, e.g. `TLSv1.3`.
    public let protocolVersion: String
    /// The cipher name, e.g. `TLS_AES_256_GCM_SHA384`.
    public let cipher: String
    /// The SMTP client that logged it (`postfix/smtp`).
    public let program: String
    /// The SMTP client's PID.
    public let pid: Int
    /// When it was logged, if the line says.
    public let timestamp: PostfixLogTimestamp?

    /// A record with every field given.
    public init(trust: TLSTrust, host: String, address: String, port: Int, protocolVersion: String, cipher: String,
                program: String, pid: Int, timestamp: PostfixLogTimestamp?) {
        self.trust = trust
        self.host = host
        self.address = address
        self.port = port
        self.protocolVersion = protocolVersion
        self.cipher = cipher
        self.program = program
        self.pid = pid
        self.timestamp = timestamp
    }
}
