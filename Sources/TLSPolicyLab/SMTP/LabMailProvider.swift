import Foundation

extension LabSession {
    /// The smallest mail world a probe needs: one provider's MX host `mx1.provider.test`
    /// on 127.0.0.2 (the lab SMTP server with a certificate for that name from the test
    /// CA) and dnsmasq on 127.0.0.1 answering its A record and an MX record pointing at it
    /// for each of `domains`, and `extraRecords` (other hosts, say ones where nothing
    /// listens). Both are stopped with the session.
    public func startMailProvider(domains: [String], extraRecords: [DNSRecord] = []) throws {
        let host = "mx1.provider.test"
        let certificate = try ca.issueServerCertificate(names: [host])
        try started({
            try LabSMTPServerProcess(namespace: namespace, endpoint: SMTPEndpoint(address: "127.0.0.2"),
                                     certificate: certificate)
        }, stop: { try? $0.stop() })
        let records: [DNSRecord] = [.a(name: host, address: "127.0.0.2")] + domains.map { .mx(domain: $0, host: host) } + extraRecords
        try started({
            try DnsmasqServer(namespace: namespace, zone: DNSZone(records: records, localDomains: ["test"]))
        }, stop: { try? $0.stop() })
    }
}
