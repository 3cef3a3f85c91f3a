/// Bounds for every step of a probe, in seconds, and for the whole session.
///
/// Postfix's own defaults are minutes (`smtp_connect_timeout = 30s`, `smtp_helo_timeout =
/// 300s`, `smtp_starttls_timeout = 300s`); a probe that shares an address with hundreds
/// of entries wants far less, so these defaults are shorter.
public struct ProbeTimeouts: Sendable, Hashable, Codable {
    /// TCP connect.
    public var connect: Double
    /// The 220 greeting, all its lines.
    public var banner: Double
    /// The reply to EHLO (both before and after STARTTLS).
    public var ehlo: Double
    /// The reply to STARTTLS.
    public var starttls: Double
    /// The TLS handshake.
    public var handshake: Double
    /// The whole session, QUIT included; each step ends at the earlier of its own bound and this.
    public var overall: Double

    /// Bounds in seconds.
    public init(connect: Double = 10, banner: Double = 30, ehlo: Double = 30, starttls: Double = 30,
                handshake: Double = 30, overall: Double = 120) {
        self.connect = connect
        self.banner = banner
        self.ehlo = ehlo
        self.starttls = starttls
        self.handshake = handshake
        self.overall = overall
    }
}
