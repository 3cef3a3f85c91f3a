import PolicyDNS
import XCTest

/// `--resolver ADDRESS[:PORT]` parsing (no network).
final class DNSServerAddressTests: XCTestCase {
    func testIPv4WithAndWithoutPort() throws {
        let plain = try DNSServerAddress(parsing: "127.0.0.1")
        XCTAssertEqual(plain.host, "127.0.0.1")
        XCTAssertEqual(plain.port, 53)
        let withPort = try DNSServerAddress(parsing: "127.0.0.2:5353")
        XCTAssertEqual(withPort.port, 5353)
        XCTAssertEqual(withPort.description, "127.0.0.2:5353")
    }

    func testIPv6ServersAreRefusedWithTheWayThatWorks() {
        // The resolver library's public interface holds IPv4 servers only.
        for text in ["::1", "[::1]", "[fd00::1]:5300"] {
            XCTAssertThrowsError(try DNSServerAddress(parsing: text), text) { error in
                guard case DNSError.invalidServerAddress(_, let reason) = error else { return XCTFail("unexpected error \(error)") }
                XCTAssertTrue(reason.contains("IPv6") && reason.contains("/etc/resolv.conf"), reason)
            }
        }
    }

    func testHostNamesAndBadPortsAreRefusedWithTheReason() {
        for (text, fragment) in [("dns.example.test", "not a numeric"), ("127.0.0.1:0", "port"), ("127.0.0.1:99999", "port"),
                                 ("[::1", "without ']'"), ("[::1]53", "':PORT'"), ("", "not a numeric")] {
            XCTAssertThrowsError(try DNSServerAddress(parsing: text), text) { error in
                guard case DNSError.invalidServerAddress(let given, let reason) = error else {
                    return XCTFail("unexpected error \(error)")
                }
                XCTAssertEqual(given, text)
                XCTAssertTrue(reason.contains(fragment), "\(text): \(reason)")
            }
        }
    }

    func testResolverOptionParsing() throws {
        XCTAssertNil(try DNSResolver(serverAddress: nil).server)
        XCTAssertNil(try DNSResolver(serverAddress: "").server)
        XCTAssertEqual(try DNSResolver(serverAddress: "127.0.0.53:5353").server?.description, "127.0.0.53:5353")
        XCTAssertThrowsError(try DNSResolver(serverAddress: "resolver.example.test"))
        let clamped = DNSResolver(server: nil, timeoutSeconds: 0, tries: 0)
        XCTAssertEqual(clamped.timeoutSeconds, 1, "glibc cannot wait less than a second per try")
        XCTAssertEqual(clamped.tries, 1)
    }
}
