@testable import PolicyProbe
import XCTest

/// How `match=` suggestions are derived from certificate names.
final class MatchSuggesterTests: XCTestCase {
    private func suggest(_ nexthop: String, _ observed: [(String, [String])], mtaSTS: [String]? = nil) -> [String]? {
        MatchSuggester.suggest(nexthop: nexthop, observations: observed.map { .init(mxHost: $0.0, names: $0.1) },
                               mtaSTSPatterns: mtaSTS)
    }

    func testNexthopFormsWhenEveryCertificateFits() {
        XCTAssertEqual(suggest("example.org", [("mx1.example.org", ["mx1.example.org"]), ("mx2.example.org", ["example.org"])]),
                       ["nexthop", "dot-nexthop"])
        XCTAssertEqual(suggest("example.org", [("mx.example.org", ["*.example.org"])]), ["nexthop", "dot-nexthop"])
    }

    func testCommonParentSuffixPerRegistrableDomain() {
        XCTAssertEqual(suggest("customer.example", [("mx1.mail.example.net", ["mx1.mail.example.net"]),
                                                    ("mx2.mail.example.net", ["mx2.mail.example.net"])]),
                       [".mail.example.net"])
        XCTAssertEqual(suggest("customer.example", [("a.mx.example.net", ["a.mx.example.net"]), ("b.example.net", ["b.example.net"]),
                                                    ("mx.other.com", ["mx.other.com"])]),
                       [".example.net", ".other.com"])
    }

    func testNeverABarePublicSuffix() {
        // The parent of "example.co.uk" is "co.uk", a public suffix: the name itself is used.
        XCTAssertEqual(suggest("customer.example", [("example.co.uk", ["example.co.uk"])]), ["example.co.uk"])
        XCTAssertEqual(suggest("customer.example", [("example.com", ["example.com"])]), ["example.com"])
        let wildcard = suggest("customer.example", [("mx.com", ["*.com"])])
        XCTAssertNil(wildcard, "a wildcard under a public suffix gives no safe pattern")
    }

    func testMTASTSPatternsArePreferredWhenTheyCoverTheCertificates() {
        XCTAssertEqual(suggest("customer.example", [("mx1.mail.example.net", ["mx1.mail.example.net"])],
                               mtaSTS: ["*.mail.example.net"]),
                       [".mail.example.net"])
        XCTAssertEqual(suggest("customer.example", [("mx1.mail.example.net", ["mx1.mail.example.net"])],
                               mtaSTS: ["mx1.mail.example.net"]),
                       ["mx1.mail.example.net"])
        // A policy that does not cover the certificate is not copied.
        XCTAssertEqual(suggest("customer.example", [("mx1.mail.example.net", ["mx1.mail.example.net"])],
                               mtaSTS: ["mx.elsewhere.example"]),
                       [".mail.example.net"])
    }

    func testNoSuggestionWithoutCertificateNames() {
        XCTAssertNil(suggest("customer.example", [("mx.example.net", [])]))
        XCTAssertNil(suggest("customer.example", []))
    }
}
