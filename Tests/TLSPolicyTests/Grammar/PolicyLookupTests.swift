import TLSPolicy
import XCTest

/// Recipient domains find their entry as Postfix's SMTP client finds it (POLICY-GRAMMAR.md §2).
final class PolicyLookupTests: XCTestCase {
    private let lookup = PolicyLookup([
        (key: "Example.COM", value: "exact"),
        (key: ".example.com", value: "parent"),
        (key: ".org", value: "tld"),
        (key: "example.com", value: "duplicate"),
        (key: "[mx.example.net]", value: "bracketed"),
    ])

    func testExactKeyWinsOverParentAndFoldsCase() throws {
        let match = try XCTUnwrap(lookup.match(domain: "EXAMPLE.com"))
        XCTAssertEqual(match.key, "example.com")
        XCTAssertEqual(match.value, "exact", "the first of duplicate keys is kept, as postmap keeps it")
        XCTAssertEqual(lookup.count, 4)
    }

    func testParentKeysMatchSubdomainsAtAnyDepthNearestFirst() throws {
        XCTAssertEqual(lookup.match(domain: "mail.example.com")?.key, ".example.com")
        XCTAssertEqual(lookup.match(domain: "a.b.example.com.")?.value, "parent")
        XCTAssertEqual(lookup.match(domain: "anything.org")?.key, ".org")
    }

    func testNoMatchForUnrelatedOrBracketedDestinations() {
        XCTAssertNil(lookup.match(domain: "example.net"))
        XCTAssertNil(lookup.match(domain: "mx.example.net"), "a bracketed key is never reached from a domain")
        XCTAssertNil(lookup.match(domain: "org"), "a .parent key never matches the domain itself")
        XCTAssertNil(lookup.match(domain: ""))
    }
}
