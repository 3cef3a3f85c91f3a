import PolicyDNS
import TLSPolicyLab

/// A namespace with dnsmasq answering one zone (no DNSSEC), and a resolver pointed at it.
final class PlainDNSLab {
    let namespace: LabNamespace
    let server: DnsmasqServer

    static let tlsaData = "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"

    /// The zone every dnsmasq test reads from.
    static let zone = DNSZone(records: [
        .a(name: "mx1.example.test", address: "127.0.0.2"),
        .a(name: "mx2.example.test", address: "127.0.0.3"),
        .a(name: "mx3.example.test", address: "127.0.0.4"),
        .aaaa(name: "mx1.example.test", address: "fd00::25"),
        .mx(domain: "example.test", host: "mx2.example.test", preference: 20),
        .mx(domain: "example.test", host: "mx1.example.test", preference: 10),
        .mx(domain: "example.test", host: "mx3.example.test", preference: 30),
        .a(name: "implicit.test", address: "127.0.0.5"),
        .nullMX(domain: "nullmx.test"),
        .a(name: "nomail.test", address: "127.0.0.6"),
        .tlsa(name: "_25._tcp.mx1.example.test", usage: 3, selector: 1, matchingType: 1, data: tlsaData),
        .txt(name: "_mta-sts.example.test", strings: ["v=STSv1; ", "id=20240101T000000;"]),
        .cname(name: "alias.example.test", target: "mx1.example.test"),
    ], localDomains: ["test"])

    init() throws {
        namespace = try LabNamespace()
        do {
            server = try DnsmasqServer(namespace: namespace, zone: Self.zone)
        } catch {
            namespace.stop()
            throw error
        }
    }

    func resolver(_ address: String = "127.0.0.1", timeoutSeconds: Int = 2, tries: Int = 2) throws -> DNSResolver {
        DNSResolver(server: try DNSServerAddress(parsing: address), timeoutSeconds: timeoutSeconds, tries: tries)
    }

    /// Runs `body` with this thread in the lab's network namespace.
    func inside<T>(_ body: () throws -> T) throws -> T {
        try namespace.withNetworkNamespace(body)
    }

    func stop() {
        try? server.stop()
        namespace.stop()
    }
}
