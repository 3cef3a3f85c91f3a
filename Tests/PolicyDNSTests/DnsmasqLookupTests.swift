import PolicyDNS
import TLSPolicyLab
import XCTest

/// Lookups against a real dnsmasq in the lab's namespace: plain answers, no AD bit.
final class DnsmasqLookupTests: XCTestCase {
    private var lab: PlainDNSLab?

    override func setUpWithError() throws {
        try DNSLabRequirement.require()
        lab = try PlainDNSLab()
    }

    override func tearDown() {
        lab?.stop()
        lab = nil
    }

    private func withLab<T>(_ body: (DNSResolver) throws -> T) throws -> T {
        let lab = try XCTUnwrap(lab)
        let resolver = try lab.resolver()
        return try lab.inside { try body(resolver) }
    }

    func testMXRecordsAreSortedByPreference() throws {
        let result = try withLab { try $0.mx("example.test") }
        XCTAssertEqual(result.hosts, .exchangers([
            MXRecord(preference: 10, exchange: "mx1.example.test"),
            MXRecord(preference: 20, exchange: "mx2.example.test"),
            MXRecord(preference: 30, exchange: "mx3.example.test"),
        ]))
        XCTAssertEqual(result.hostNames, ["mx1.example.test", "mx2.example.test", "mx3.example.test"])
        XCTAssertFalse(result.isAuthenticated, "dnsmasq does not validate: no AD bit")
    }

    func testDomainWithAddressButNoMXIsItsOwnImplicitMX() throws {
        let result = try withLab { try $0.mx("implicit.test") }
        XCTAssertEqual(result.hosts, .implicit(host: "implicit.test"))
        XCTAssertEqual(result.hostNames, ["implicit.test"])
    }

    func testNullMXIsReportedAsNullMX() throws {
        let result = try withLab { try $0.mx("nullmx.test") }
        XCTAssertEqual(result.hosts, .nullMX)
        XCTAssertEqual(result.hostNames, [])
    }

    func testMissingDomainIsNXDOMAINNotAnError() throws {
        let result = try withLab { try $0.mx("nosuch.example.test") }
        XCTAssertEqual(result.hosts, .nonexistentDomain)
        let address = try withLab { try $0.a("nosuch.example.test") }
        XCTAssertEqual(address.outcome, .nonexistentDomain)
        XCTAssertEqual(address.records, [])
    }

    func testExistingNameWithoutTheTypeIsNoData() throws {
        let answer = try withLab { try $0.aaaa("mx2.example.test") }
        XCTAssertEqual(answer.outcome, .noData)
        XCTAssertEqual(answer.records, [])
    }

    func testTLSARecordFieldsAndDataBytes() throws {
        let answer = try withLab { try $0.tlsa(host: "mx1.example.test") }
        XCTAssertEqual(answer.queriedName, "_25._tcp.mx1.example.test")
        XCTAssertEqual(answer.outcome, .records)
        let record = try XCTUnwrap(answer.records.first)
        XCTAssertEqual(answer.records.count, 1)
        XCTAssertEqual(record.usage, 3)
        XCTAssertEqual(record.selector, 1)
        XCTAssertEqual(record.matchingType, 1)
        XCTAssertEqual(record.data.count, 32)
        XCTAssertEqual(record.dataHex, PlainDNSLab.tlsaData)
        XCTAssertFalse(answer.isAuthenticated)
    }

    func testTXTStringsAreJoinedWithoutSeparator() throws {
        let answer = try withLab { try $0.txt("_mta-sts.example.test") }
        XCTAssertEqual(answer.records, ["v=STSv1; id=20240101T000000;"])
    }

    func testAAndAAAAAddresses() throws {
        let (a, aaaa) = try withLab { (try $0.a("mx1.example.test"), try $0.aaaa("mx1.example.test")) }
        XCTAssertEqual(a.records, ["127.0.0.2"])
        XCTAssertEqual(aaaa.records, ["fd00::25"])
    }

    func testCNAMEIsFollowedToTheFinalOwner() throws {
        let answer = try withLab { try $0.a("alias.example.test") }
        XCTAssertEqual(answer.queriedName, "alias.example.test")
        XCTAssertEqual(answer.ownerName, "mx1.example.test")
        XCTAssertEqual(answer.records, ["127.0.0.2"])
    }

    func testConcurrentQueriesOnThreadsEachGetTheirAnswer() throws {
        let lab = try XCTUnwrap(lab)
        let resolver = try lab.resolver()
        let hosts = ["mx1.example.test": "127.0.0.2", "mx2.example.test": "127.0.0.3", "mx3.example.test": "127.0.0.4"]
        let names = (0..<24).map { Array(hosts.keys).sorted()[$0 % 3] }
        let results = ResultBox(count: names.count)
        let group = DispatchGroup()
        // Threads started while this thread is in the lab's network namespace start there too.
        try lab.inside {
            for (index, name) in names.enumerated() {
                group.enter()
                let thread = Thread {
                    defer { group.leave() }
                    results.set(index, Result { try resolver.a(name).records })
                }
                thread.start()
            }
        }
        XCTAssertEqual(group.wait(timeout: .now() + 30), .success, "queries did not finish in time")
        for (index, name) in names.enumerated() {
            XCTAssertEqual(try results.get(index)?.get(), [try XCTUnwrap(hosts[name])], "query \(index) for \(name)")
        }
    }
}
