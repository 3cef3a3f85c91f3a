/// What every connection of one server process shares; immutable once the server starts.
struct ServerConfiguration: Sendable {
    /// The name in the greeting and the EHLO reply.
    let hostname: String
    /// The behaviour under test.
    let behaviour: ServerBehaviour
    /// Added before every reply (for benchmarks: a slow server without a slow network).
    let latencyMilliseconds: Int
    /// How long a connection may sit idle before the server drops it.
    let idleTimeoutSeconds: Int
    /// The TLS side, nil when the server has no certificate (then it never offers STARTTLS).
    let tls: ServerTLSContext?
}
