import XCTest
@testable import TLSPolicy

final class ProviderGroupingTests: XCTestCase {
    private func entry(_ line: String) -> ImportedEntry {
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        let value = Array(parts[1].utf8)
        let parse = PolicyValueParser(version: ImportTestSupport.minimum).parse(value[...])
        let entry = PolicyEntry(key: PolicyKey(text: parts[0]), level: parse.level ?? .secure,
                                attributes: parse.attributes.map(\.attribute))
        return ImportedEntry(entry: entry, origin: ImportLocation(file: "t", line: nil))
    }

    private func grouped(_ lines: [String]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for group in ProviderGrouping().group(lines.map(entry)) {
            result[group.provider.fileName] = group.entries.map(\.key)
        }
        return result
    }

    func testEntriesThatShareAMatchValueShareAProvider() {
        let groups = grouped([
            "commerzbank.com secure match=.mail.protection.outlook.de:.mx.microsoft:.outlook.com",
            "hs-hannover.de secure match=.mx.microsoft:.outlook.com:.mail.protection.outlook.de",
            "uos.de secure match=.mx.srv.example-net.de:mx.srv.example-net.de",
            "uni-osnabrueck.de secure match=.mx.srv.example-net.de:mx.srv.example-net.de",
        ])
        XCTAssertEqual(groups["microsoft.policy"], ["commerzbank.com", "hs-hannover.de"])
        XCTAssertEqual(groups["example-net.de.policy"], ["uni-osnabrueck.de", "uos.de"])
    }

    func testWellKnownProviderGetsItsSlugAndDisplayName() throws {
        let groups = ProviderGrouping().group([entry("aol.co.uk secure match=.biz.mail.yahoo.com:.yahoodns.net")])
        let group = try XCTUnwrap(groups.first)
        XCTAssertEqual(group.provider.fileName, "yahoo.policy")
        XCTAssertEqual(group.provider.displayName, "Yahoo")
    }

    func testSelfHostedEntriesGroupByTheKeysRegistrableDomain() {
        let groups = grouped([
            "bund.de secure match=nexthop:dot-nexthop:hostname",
            "bsi.bund.de secure match=nexthop:dot-nexthop:hostname",
            "bkm.bmi.bund.de secure match=nexthop:dot-nexthop",
            "bmwi.bund.de secure match=.bund.de",
            "posteo.de secure",
            "gmx.de encrypt",
        ])
        XCTAssertEqual(groups["bund.de.policy"], ["bkm.bmi.bund.de", "bmwi.bund.de", "bsi.bund.de", "bund.de"])
        XCTAssertEqual(groups["posteo.de.policy"], ["posteo.de"])
        XCTAssertEqual(groups["gmx.policy"], ["gmx.de"], "a well-known provider's own domain files under its name")
    }

    func testAWellKnownProviderAmongTheNamesWins() {
        let groups = grouped([
            "own.example secure match=mail.own.example:relay.own.example:.aspmx.l.google.com",
        ])
        XCTAssertEqual(groups["google.policy"], ["own.example"])
    }

    func testUnknownNamesGoToTheMostFrequentRegistrableDomainThenTheKeysOwn() {
        let groups = grouped([
            "ximex.at secure match=mail.ximex.at:mxext1.mailbox.example:mxext2.mailbox.example",
            "tie.example secure match=mx.other.example:mx.tie.example",
        ])
        XCTAssertEqual(groups["mailbox.example.policy"], ["ximex.at"])
        XCTAssertEqual(groups["tie.example.policy"], ["tie.example"], "a tie goes to the keys' own domain")
    }

    func testRegistrableDomainKnowsTheListedMultiLabelSuffixes() {
        XCTAssertEqual(RegistrableDomain.of("aol.co.uk"), "aol.co.uk")
        XCTAssertEqual(RegistrableDomain.of("a.mx.cendata.co.uk"), "cendata.co.uk")
        XCTAssertEqual(RegistrableDomain.of(".mail.protection.outlook.com"), "outlook.com")
        XCTAssertEqual(RegistrableDomain.of("Mail.Example.COM."), "example.com")
        XCTAssertEqual(RegistrableDomain.of("mx.microsoft"), "mx.microsoft")
        XCTAssertEqual(RegistrableDomain.of("co.uk"), "co.uk")
    }

    func testProviderSlugIsAlwaysAPlainFileName() {
        XCTAssertEqual(Provider(registrableDomain: "../etc").fileName, "_._etc.policy")
        XCTAssertEqual(Provider(registrableDomain: ".hidden").fileName, "_hidden.policy")
        XCTAssertEqual(Provider(registrableDomain: "Bund.DE").fileName, "bund.de.policy")
    }

    func testGroupsAreSortedByFileNameAndEntriesByKey() {
        let groups = ProviderGrouping().group([
            entry("z.example secure"), entry("b.a.example secure"), entry("a.example secure"),
        ])
        XCTAssertEqual(groups.map(\.provider.fileName), ["a.example.policy", "z.example.policy"])
        XCTAssertEqual(groups.first?.entries.map(\.key), ["a.example", "b.a.example"])
    }
}
