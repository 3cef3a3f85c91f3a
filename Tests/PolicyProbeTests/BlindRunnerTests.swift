@testable import PolicyProbe
import XCTest

/// Where ``BlindRunner`` draws the line between "this host cannot reach port 25" and "some
/// servers are down", from the sessions a run recorded. (The lab test
/// ProbeBlindRunnerTests runs the real binary against refused connects.)
final class BlindRunnerTests: XCTestCase {
    /// How one session ended.
    private enum Session { case refused, silent, greeted, notTried }

    private func address(_ number: Int, _ session: Session, port: Int = 25) -> AddressProbeReport {
        var report = AddressProbeReport(address: "192.0.2.\(number)", port: port, level: "encrypt", wouldDeliver: false,
                                        reachable: session == .greeted, reason: "\(session)", resultType: nil)
        switch session {
        case .refused: (report.connected, report.greeted) = (false, false)
        case .silent: (report.connected, report.greeted) = (true, false)
        case .greeted: (report.connected, report.greeted) = (true, true)
        case .notTried: (report.connected, report.greeted) = (nil, nil)
        }
        return report
    }

    private func entry(_ addresses: [AddressProbeReport]) -> EntryProbeReport {
        EntryProbeReport(key: "example.test", file: "t.policy", line: 1, entry: "example.test encrypt", level: "encrypt",
                         daneMarked: false, verdict: .unreachable, summary: "", dnsProblem: nil,
                         mxHosts: [MXHostReport(host: "mx.example.test", preference: 10, dnssecValidated: false,
                                                tlsa: TLSAEvidence(status: .none), addressError: nil, addresses: addresses)],
                         failures: [], suggestion: nil, daneCapable: false, mtaSTS: nil)
    }

    private func blind(_ sessions: [Session]) -> BlindRunner? {
        BlindRunner(entries: [entry(sessions.enumerated().map { address($0.offset, $0.element) })])
    }

    func testEveryAddressRefusedIsBlind() throws {
        let found = try XCTUnwrap(blind(Array(repeating: .refused, count: 40)))
        XCTAssertEqual(found.addresses, 40)
        XCTAssertEqual(found.connectFailures, 40)
        XCTAssertEqual(found.ports, [25])
        XCTAssertTrue(found.message.hasPrefix("this runner cannot reach port 25: 40 of 40 addresses refused or timed out at connect"))
    }

    func testNearlyEveryAddressRefusedAndNoGreetingIsBlind() throws {
        // A host that connects to one address (a middlebox) but is greeted nowhere.
        let found = try XCTUnwrap(blind(Array(repeating: .refused, count: 9) + [.silent]))
        XCTAssertEqual(found.connectFailures, 9)
        XCTAssertEqual(found.addresses, 10)
    }

    func testOneGreetingMeansPort25IsReachable() {
        XCTAssertNil(blind(Array(repeating: .refused, count: 39) + [.greeted]))
    }

    func testBelowTheShareOfConnectFailuresIsNotBlind() {
        XCTAssertNil(blind(Array(repeating: .refused, count: 8) + [.silent, .silent]))
    }

    func testTooFewAddressesCannotTell() {
        XCTAssertNil(blind([.refused, .refused]))
        XCTAssertNotNil(blind([.refused, .refused, .refused]))
    }

    func testAddressesNeverTriedAndOldResultsDoNotCount() {
        XCTAssertNil(blind([.refused, .refused, .notTried, .notTried, .notTried]))
    }

    func testAnAddressSharedByEntriesCountsOnce() {
        let shared = [address(1, .refused), address(2, .refused)]
        XCTAssertNil(BlindRunner(entries: [entry(shared), entry(shared)]), "two distinct addresses, not four")
        let found = BlindRunner(entries: [entry(shared), entry([address(3, .refused, port: 2525)])])
        XCTAssertEqual(found?.ports, [25, 2525])
        XCTAssertEqual(found?.message.hasPrefix("this runner cannot reach ports 25, 2525: 3 of 3"), true)
    }
}
