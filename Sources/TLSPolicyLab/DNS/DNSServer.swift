/// A DNS server the lab runs on 127.0.0.1:53 inside a ``LabNamespace``.
///
/// The namespace's resolv.conf names 127.0.0.1, so Postfix and every other resolver in the
/// namespace asks this server. Kinds differ in whether answers carry the AD bit:
/// ``DnsmasqServer`` answers plainly; a DNSSEC-validating kind (unbound with a signed
/// zone) can be added behind this same protocol.
public protocol DNSServer: AnyObject {
    /// The zone being served.
    var zone: DNSZone { get }
    /// Whether answers carry the AD bit (DNSSEC-validated).
    var setsAuthenticatedData: Bool { get }
    /// True while the server runs.
    var isRunning: Bool { get }
    /// Stops the server by its PID, waiting (bounded) until it is gone.
    func stop() throws
}
