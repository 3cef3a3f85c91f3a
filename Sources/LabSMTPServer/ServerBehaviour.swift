import ArgumentParser

/// How the lab server misbehaves (or not): one per server process.
enum ServerBehaviour: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Offers STARTTLS and completes the handshake with the configured certificate.
    case normal
    /// Leaves STARTTLS out of its EHLO reply.
    case noStarttls = "no-starttls"
    /// Accepts the connection and never sends a greeting.
    case stallBanner = "stall-banner"
    /// Answers STARTTLS with 220, then sends bytes that are not TLS.
    case garbageAfterStarttls = "garbage-after-starttls"
    /// Answers EHLO with `250-` lines that never end.
    case endlessEhlo = "endless-ehlo"
}
