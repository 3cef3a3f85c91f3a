/// How a ``LabSMTPServerProcess`` behaves; the values of `LabSMTPServer --behaviour`.
public enum LabSMTPServerBehaviour: String, Sendable, CaseIterable {
    /// STARTTLS with the given certificate.
    case normal
    /// No STARTTLS in the EHLO reply.
    case noStarttls = "no-starttls"
    /// Never sends the 220 greeting.
    case stallBanner = "stall-banner"
    /// Answers STARTTLS with 220, then sends bytes that are not TLS.
    case garbageAfterStarttls = "garbage-after-starttls"
    /// Answers EHLO with `250-` lines that never end.
    case endlessEhlo = "endless-ehlo"
}
