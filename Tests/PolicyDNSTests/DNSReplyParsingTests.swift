@testable import PolicyDNS
import XCTest

/// The reply parser on hand-made and hostile messages (no network): errors, never crashes.
final class DNSReplyParsingTests: XCTestCase {
    /// A reply header: ID 0x1234, QR and RD/RA set, the AD bit and RCODE as given.
    private func header(answers: Int, rcode: UInt8 = 0, authenticated: Bool = false) -> [UInt8] {
        [0x12, 0x34, 0x81, 0x80 | (authenticated ? 0x20 : 0) | rcode, 0, 1, 0, UInt8(answers), 0, 0, 0, 0]
    }

    /// The question `example.test MX IN`.
    private let question: [UInt8] = [7] + Array("example".utf8) + [4] + Array("test".utf8) + [0, 0, 15, 0, 1]

    private func mxReply(rdata: [UInt8], authenticated: Bool = false) -> [UInt8] {
        // Owner: a pointer to the question name at offset 12.
        header(answers: 1, authenticated: authenticated) + question
            + [0xC0, 12, 0, 15, 0, 1, 0, 0, 1, 44, 0, UInt8(rdata.count)] + rdata
    }

    func testMXWithCompressedExchangeAndADBit() throws {
        // Preference 10, exchange "mx" + pointer to "example.test".
        let reply = try DNSReply(bytes: mxReply(rdata: [0, 10, 2, 0x6D, 0x78, 0xC0, 12], authenticated: true),
                                 name: "example.test", type: .mx)
        XCTAssertTrue(reply.isAuthenticated)
        XCTAssertEqual(reply.responseCode, 0)
        XCTAssertEqual(reply.answers.map(\.data), [.mx(MXRecord(preference: 10, exchange: "mx.example.test"))])
        XCTAssertEqual(reply.answers.first?.owner, "example.test")
    }

    func testNullMXExchangeIsEmpty() throws {
        let reply = try DNSReply(bytes: mxReply(rdata: [0, 0, 0]), name: "example.test", type: .mx)
        XCTAssertEqual(reply.answers.map(\.data), [.mx(MXRecord(preference: 0, exchange: ""))])
    }

    func testHostileRepliesAreTypedErrors() {
        let cases: [(String, [UInt8])] = [
            ("empty", []),
            ("short header", [0x12, 0x34, 0x81]),
            ("query, not response", [0x12, 0x34, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]),
            ("answer count beyond the message", header(answers: 5) + question),
            ("RDATA length beyond the message", header(answers: 1) + question + [0xC0, 12, 0, 15, 0, 1, 0, 0, 1, 44, 0, 200, 0, 10]),
            ("compression pointer loop in RDATA", mxReply(rdata: [0, 10, 0xC0, 0x2C])),
            ("compression pointer past the end", mxReply(rdata: [0, 10, 0xC0, 0xFF])),
            ("MX too short", mxReply(rdata: [0, 10])),
            ("owner pointer to itself", header(answers: 1) + question + [0xC0, 30, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 127, 0, 0, 1]),
        ]
        for (label, bytes) in cases {
            XCTAssertThrowsError(try DNSReply(bytes: bytes, name: "example.test", type: .mx), label) { error in
                guard case DNSError.malformedReply(let name, let type, _) = error else {
                    return XCTFail("\(label): unexpected error \(error)")
                }
                XCTAssertEqual(name, "example.test")
                XCTAssertEqual(type, .mx)
            }
        }
    }

    func testRandomBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        let base = mxReply(rdata: [0, 10, 2, 0x6D, 0x78, 0xC0, 12])
        var parsed = 0
        for _ in 0..<5_000 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            if Bool.random(using: &generator) { bytes.removeLast(Int.random(in: 0..<bytes.count, using: &generator)) }
            if (try? DNSReply(bytes: bytes, name: "example.test", type: .mx)) != nil { parsed += 1 }
        }
        // Some mutations hit bytes that do not matter (TTL, class): those still parse.
        XCTAssertGreaterThan(parsed, 0)
    }

    func testCNAMEChainIsFollowedAndLoopsStop() throws {
        let reply = DNSReply(answers: [
            DNSReplyRecord(owner: "a.test", type: 5, data: .name("b.test")),
            DNSReplyRecord(owner: "B.test", type: 5, data: .name("a.test")),
        ])
        let (owner, records) = reply.records(for: "a.test", type: .a)
        XCTAssertTrue(["a.test", "b.test"].contains(owner.lowercased()))
        XCTAssertEqual(records, [])
    }

    func testNamesThatCannotBeQueriedAreRefused() {
        for name in ["", ".", "a..test", String(repeating: "a", count: 64) + ".test", "sp ace.test", "back\\slash.test"] {
            XCTAssertThrowsError(try DNSResolver.validated(name), name) { error in
                guard case DNSError.invalidName = error else { return XCTFail("\(name): unexpected error \(error)") }
            }
        }
        XCTAssertEqual(try DNSResolver.validated("Example.TEST."), "Example.TEST")
    }
}
