import TLSPolicy
import XCTest

/// Which entry of a table Postfix's SMTP client applies to a recipient domain: the domain
/// itself, then `.parent` keys from the nearest parent up, as `smtp_tls_policy_maps` is searched.
final class PolicyKeyIndexTests: XCTestCase {
    private let index = PolicyKeyIndex(table: Array("""
        # comment
        example.com secure match=.example.com
        .example.com encrypt
        .org.example encrypt
        Mixed.Example dane
        deep.sub.example.net encrypt
          protocols=>=TLSv1.2
        [relay.example]:587 encrypt

        """.utf8))

    func testExactKeyFirstThenTheNearestParentKey() {
        XCTAssertEqual(index.key(forDomain: "example.com"), "example.com", "exact wins over .example.com")
        XCTAssertEqual(index.key(forDomain: "mx.example.com"), ".example.com")
        XCTAssertEqual(index.key(forDomain: "a.b.example.com"), ".example.com")
        XCTAssertEqual(index.key(forDomain: "org.example"), nil, ".org.example does not cover org.example itself")
        XCTAssertEqual(index.key(forDomain: "mail.org.example"), ".org.example")
        XCTAssertEqual(index.key(forDomain: "sub.example.net"), nil)
        XCTAssertEqual(index.key(forDomain: "deep.sub.example.net"), "deep.sub.example.net")
        XCTAssertEqual(index.key(forDomain: "other.test"), nil)
        XCTAssertEqual(index.key(forDomain: "relay.example"), nil, "a bracketed next-hop key is no domain's")
    }

    func testKeysAndDomainsCompareFoldedAndATrailingDotIsIgnored() {
        XCTAssertEqual(index.key(forDomain: "MIXED.example"), "mixed.example")
        XCTAssertEqual(index.key(forDomain: "MX.Example.COM."), ".example.com")
        XCTAssertEqual(index.key(forDomain: ""), nil)
        XCTAssertEqual(index.key(forDomain: "."), nil)
    }
}
